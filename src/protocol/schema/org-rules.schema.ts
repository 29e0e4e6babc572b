import { z } from 'zod';

/**
 * How leadpact works with the Salesforce org's own rules (assignment rules, duplicate rules, record
 * types). Every key has a default, so a protocol file without this section keeps its meaning.
 */

export const OWNER_CHOICES = ['routing', 'assignment_rules'] as const;
export const DUPLICATE_POLICIES = ['link', 'allow_save', 'hold'] as const;

/** A record type by DeveloperName: the default one, and one per territory. */
const recordTypeChoiceSchema = z.strictObject({
  default: z.string().min(1).max(80).optional(),
  byTerritory: z.record(z.string().min(1), z.string().min(1).max(80)).default({}),
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
