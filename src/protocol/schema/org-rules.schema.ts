import { z } from 'zod';
import type { SectionProblem } from './cross-checks';
import type { RoutingDefinition } from './routing.schema';

/**
 * How leadpact works with the Salesforce org's own rules (assignment rules, duplicate rules, record
 * types). Every key has a default, so a protocol file without this section keeps its meaning.
 */

export const OWNER_CHOICES = ['routing', 'assignment_rules'] as const;
export const DUPLICATE_POLICIES = ['link', 'allow_save', 'hold'] as const;

/**
 * A record type's DeveloperName (Record Type Name in Setup): letters, digits and single underscores,
 * starting with a letter and not ending with an underscore. The label (Name) may differ.
 */
const developerNameSchema = z
  .string()
  .max(80)
  .regex(
    /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/,
    'a record type DeveloperName (Setup → Object Manager → Lead → Record Types → Record Type Name): letters, digits and single underscores, starting with a letter',
  );

/**
 * A record type by DeveloperName: one per territory (a territory may match on segments, so this
 * also chooses per segment), else the default; none leaves the org's default record type.
 */
const recordTypeChoiceSchema = z.strictObject({
  default: developerNameSchema.optional(),
  byTerritory: z.record(z.string().min(1), developerNameSchema).default({}),
});

export const salesforceOrgSchema = z.strictObject({
  /**
   * Who owns a new Lead or Contact. `routing` (default): the protocol's routing, and every write
   * tells the org's assignment rules to leave the owner alone (Sforce-Auto-Assign: FALSE).
   * `assignment_rules`: the org's active assignment rule chooses on the hand-off; leadpact reads
   * the owner back and runs the SLA clock for whoever Salesforce chose.
   */
  owner: z.enum(OWNER_CHOICES).default('routing'),
  /**
   * A hand-off whose new record a Salesforce duplicate rule flags (DUPLICATES_DETECTED): `link`
   * (default) takes the record the rule found, as match-before-create would have; `allow_save`
   * creates the record anyway (Sforce-Duplicate-Rule-Header: allowSave=true); `hold` returns the
   * lead to Marketing to merge the duplicate. Never a dead letter.
   */
  onDuplicate: z.enum(DUPLICATE_POLICIES).default('link'),
  /** The record type a new Lead or Contact gets, by DeveloperName; none leaves the org's default. */
  recordTypes: z
    .strictObject({ lead: recordTypeChoiceSchema.optional(), contact: recordTypeChoiceSchema.optional() })
    .prefault({}),
});

export type SalesforceOrgRules = z.output<typeof salesforceOrgSchema>;

/** Territories a record type choice names must be the routing's (or its fallback territory). */
export function recordTypeReferenceProblems(
  org: SalesforceOrgRules | undefined,
  routing: RoutingDefinition | undefined,
): SectionProblem[] {
  if (org === undefined || routing === undefined) return [];
  const territories = new Set([...routing.territories.map((t) => t.name), routing.fallback.territory]);
  return (['lead', 'contact'] as const).flatMap((object) =>
    Object.keys(org.recordTypes[object]?.byTerritory ?? {}).flatMap((name) =>
      territories.has(name)
        ? []
        : [
            {
              path: ['salesforceOrg', 'recordTypes', object, 'byTerritory', name],
              message: `no territory "${name}" under routing (territories: ${[...territories].join(', ')})`,
            },
          ],
    ),
  );
}
