import type { CustomFieldSpec } from '../../src/shared/field-specs';

/**
 * Who may read and edit what leadpact uses, as a plan: the pure part of provisioning access.
 *
 * Salesforce grants a field only through FieldPermissions on a permission set assigned to the
 * user (FieldPermissions cannot be set on profiles), and a field created through the Tooling API
 * is granted to nobody. The integration user's default profile ("Salesforce API Only System
 * Integrations", Salesforce Integration licence) grants no object either. So leadpact keeps two
 * permission sets: "leadpact Integration" for the integration user (its objects, Read and Edit on
 * what it writes, Read on what it reads), and "leadpact Sales" for the reps the protocol routes to
 * (Read on the hand-off context leadpact writes, Edit on the fields Sales answers in).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm
 * https://help.salesforce.com/s/articleView?id=sf.integration_user.htm
 *
 * Field permissions cover custom fields; standard fields come with the object permissions here
 * (the standard profiles' own permission sets grant them).
 */

export interface PermissionSetName {
  /** API name (PermissionSet.Name). */
  readonly name: string;
  readonly label: string;
}

export const INTEGRATION_PERMISSION_SET: PermissionSetName = {
  name: 'leadpact_Integration',
  label: 'leadpact Integration',
};
export const SALES_PERMISSION_SET: PermissionSetName = { name: 'leadpact_Sales', label: 'leadpact Sales' };

export type FieldLevel = 'read' | 'edit';

export interface FieldGrant {
  readonly object: string;
  readonly field: string;
  readonly level: FieldLevel;
}

export interface ObjectGrant {
  readonly object: string;
  readonly create: boolean;
  readonly edit: boolean;
}

export interface PermissionSetPlan extends PermissionSetName {
  readonly description: string;
  /** Read on each, and Create / Edit where said. */
  readonly objects: readonly ObjectGrant[];
  readonly fields: readonly FieldGrant[];
}

export interface FieldRef {
  readonly object: string;
  readonly field: string;
}

/** What the application knows leadpact needs beyond the fields it creates (the protocol's reads and writes). */
export interface AccessNeeds {
  /** Fields leadpact writes (mapped fields HubSpot may change, Status on new Leads...). */
  readonly edits?: readonly FieldRef[];
  /** Fields leadpact reads (how Sales answers, the mapped fields, what reconciliation reads). */
  readonly reads?: readonly FieldRef[];
  /** Fields the reps edit and leadpact reads back: the Sales set grants Edit on them. */
  readonly salesAnswers?: readonly FieldRef[];
  /** Users the protocol routes leads to (pools, territory owners): they get the Sales set. */
  readonly salesUsers?: readonly string[];
  /** Queues leads fall back to: their members get the Sales set. */
  readonly salesQueues?: readonly string[];
}

export interface AccessPlan {
  readonly integration: PermissionSetPlan;
  readonly sales: PermissionSetPlan;
  readonly salesUsers: readonly string[];
  readonly salesQueues: readonly string[];
}

/**
 * The objects the connector works with and what it does to them: upserts and updates of Leads and
 * Contacts, Tasks it creates, Campaigns it writes metrics to; the rest it queries (matching
 * Accounts, conversions' Opportunities, Events and Tasks as first touches, campaign members).
 * Users and queues take no object permissions: every API user reads them.
 */
export const CONNECTOR_OBJECTS: readonly ObjectGrant[] = [
  { object: 'Lead', create: true, edit: true },
  { object: 'Contact', create: true, edit: true },
  { object: 'Task', create: true, edit: false },
  { object: 'Campaign', create: false, edit: true },
  { object: 'Account', create: false, edit: false },
  { object: 'Opportunity', create: false, edit: false },
  { object: 'Event', create: false, edit: false },
  { object: 'CampaignMember', create: false, edit: false },
];

const isCustom = (field: string): boolean => field.toLowerCase().endsWith('__c');
const keyOf = (ref: FieldRef): string => `${ref.object}.${ref.field}`.toLowerCase();

function grants(entries: readonly FieldGrant[]): FieldGrant[] {
  const out = new Map<string, FieldGrant>();
  for (const entry of entries) {
    if (!isCustom(entry.field)) continue;
    const before = out.get(keyOf(entry));
    if (before?.level !== 'edit') out.set(keyOf(entry), entry);
  }
  return [...out.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

function objectGrants(fields: readonly FieldGrant[]): ObjectGrant[] {
  const out = new Map(CONNECTOR_OBJECTS.map((grant) => [grant.object.toLowerCase(), grant]));
  for (const field of fields) {
    const key = field.object.toLowerCase();
    const before = out.get(key);
    const edit = field.level === 'edit' || before?.edit === true;
    out.set(key, { object: before?.object ?? field.object, create: before?.create === true, edit });
  }
  return [...out.values()];
}

const at =
  (level: FieldLevel) =>
  (ref: FieldRef): FieldGrant => ({ ...ref, level });

/** The two permission sets leadpact needs, from the fields it creates and what the protocol reads and writes. */
export function requiredAccess(fields: readonly CustomFieldSpec[], needs: AccessNeeds = {}): AccessPlan {
  const created = fields.map((spec) => ({ object: spec.object, field: spec.name }));
  const integrationFields = grants([
    ...created.map(at('edit')),
    ...(needs.edits ?? []).map(at('edit')),
    ...(needs.reads ?? []).map(at('read')),
  ]);
  const salesFields = grants([...created.map(at('read')), ...(needs.salesAnswers ?? []).map(at('edit'))]);
  return {
    integration: {
      ...INTEGRATION_PERMISSION_SET,
      description: 'What leadpact reads and writes as the integration user (managed by leadpact provision).',
      objects: objectGrants(integrationFields),
      fields: integrationFields,
    },
    sales: {
      ...SALES_PERMISSION_SET,
      description: "Sales reps see leadpact's hand-off fields and answer in them (managed by leadpact provision).",
      objects: [],
      fields: salesFields,
    },
    salesUsers: [...new Set(needs.salesUsers ?? [])],
    salesQueues: [...new Set(needs.salesQueues ?? [])],
  };
}

const LEVEL_WORDS: Readonly<Record<FieldLevel, string>> = { read: 'Read', edit: 'Read and Edit' };

/** An object grant in Setup's words: "Read, Create, Edit". */
export function objectWords(grant: ObjectGrant): string {
  return ['Read', ...(grant.create ? ['Create'] : []), ...(grant.edit ? ['Edit'] : [])].join(', ');
}

/** The fix for one missing grant, in words an admin follows. */
export function grantFix(set: PermissionSetName, grant: FieldGrant): string {
  return `grant ${LEVEL_WORDS[grant.level]} on ${grant.object}.${grant.field} in the permission set "${set.label}" (Setup → Permission Sets → ${set.label} → Object Settings → ${grant.object}), or run \`leadpact provision\``;
}

/** A permission set as an admin creates it by hand: its name, each object and each field with its access. */
export function describePermissionSet(plan: PermissionSetPlan): string[] {
  return [
    `Permission set "${plan.label}" (API name ${plan.name}):`,
    ...plan.objects.map((grant) => `  ${grant.object}: ${objectWords(grant)}`),
    ...plan.fields.map((grant) => `  ${grant.object}.${grant.field}: ${LEVEL_WORDS[grant.level]}`),
  ];
}

/** What leadpact could not set up itself, for the admin to do (the integration user may not manage permission sets). */
export function manualAccessInstructions(plan: AccessPlan, reason: string): string {
  return [
    `leadpact could not create its permission sets: ${reason}.`,
    'The integration user needs "Manage Profiles and Permission Sets" and "Assign Permission Sets" for that; or an admin creates them:',
    ...describePermissionSet(plan.integration),
    '  Assign it to the integration user.',
    ...describePermissionSet(plan.sales),
    '  Assign it to the sales reps the protocol routes to and to the members of its fallback queue.',
    'Then run `leadpact provision` again: it finds them and reports nothing to change.',
  ].join('\n');
}

/** An object as describe shows it to the caller: null when it cannot see the object at all. */
export interface DescribedAccess {
  readonly fields: readonly { readonly name: string; readonly updateable?: boolean | undefined }[];
}

export interface MissingAccess {
  readonly object: string;
  /** Absent: the object itself is not visible. */
  readonly field?: string;
  readonly level: FieldLevel;
  /** What to do, naming the permission set and the field. */
  readonly fix: string;
}

/**
 * What the caller lacks of a permission set's plan, from describe as that caller (a field it may
 * not read is absent; one it may not edit is not updateable). Objects not described are skipped.
 */
export function missingAccess(
  describes: ReadonlyMap<string, DescribedAccess | null>,
  plan: PermissionSetPlan,
): MissingAccess[] {
  const missing: MissingAccess[] = [];
  for (const grant of plan.objects) {
    if (describes.get(grant.object) === null)
      missing.push({
        object: grant.object,
        level: grant.edit ? 'edit' : 'read',
        fix: `grant ${objectWords(grant)} on ${grant.object} in the permission set "${plan.label}", or run \`leadpact provision\``,
      });
  }
  for (const grant of plan.fields) {
    const described = describes.get(grant.object);
    if (described === undefined || described === null) continue;
    const field = described.fields.find((f) => f.name.toLowerCase() === grant.field.toLowerCase());
    if (field === undefined || (grant.level === 'edit' && field.updateable === false))
      missing.push({ object: grant.object, field: grant.field, level: grant.level, fix: grantFix(plan, grant) });
  }
  return missing;
}
