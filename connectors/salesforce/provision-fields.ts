// The module itself, not the src/metrics index: the index brings express and the store along.
import { campaignFieldSpecs } from '../../src/metrics/writeback-spec';
import { STAGES } from '../../src/protocol/stages';
import type { CustomFieldSpec } from '../../src/shared/field-specs';
import type { DescribeResult } from './salesforce.schema';

/**
 * The custom fields leadpact writes (DESIGN.md, "Default names leadpact writes"), and the pure
 * part of provisioning them: what to create, what to update, what is already right. The Campaign
 * fields are src/metrics' (campaignFieldSpecs), where the numbers written into them are decided.
 */

const SLA_STATUSES = ['On Track', 'At Risk', 'Breached', 'Met'];

function lead(
  name: string,
  label: string,
  type: CustomFieldSpec['type'],
  extra: Partial<CustomFieldSpec> = {},
): CustomFieldSpec {
  return { object: 'Lead', name, label, type, ...extra };
}

export const DEFAULT_SALESFORCE_FIELDS: readonly CustomFieldSpec[] = [
  lead('HubSpot_Contact_Id__c', 'HubSpot Contact Id', 'Text', { length: 40, externalId: true, unique: true }),
  lead('Lead_Protocol_Stage__c', 'Lead Protocol Stage', 'Picklist', { picklistValues: STAGES }),
  lead('Protocol_Version__c', 'Protocol Version', 'Text', { length: 40 }),
  lead('Fit_Score__c', 'Fit Score', 'Number', { precision: 5, scale: 0 }),
  lead('Readiness_Score__c', 'Readiness Score', 'Number', { precision: 5, scale: 0 }),
  lead('Qualification_Summary__c', 'Qualification Summary', 'LongTextArea', { length: 32768 }),
  lead('MQL_At__c', 'MQL At', 'DateTime'),
  lead('Handoff_At__c', 'Handoff At', 'DateTime'),
  lead('SLA_Accept_Due__c', 'SLA Accept Due', 'DateTime'),
  lead('SLA_Status__c', 'SLA Status', 'Picklist', { picklistValues: SLA_STATUSES }),
  lead('Accepted_At__c', 'Accepted At', 'DateTime'),
  lead('Time_To_Accept_Min__c', 'Time To Accept (min)', 'Number', { precision: 10, scale: 0 }),
  lead('First_Touch_At__c', 'First Touch At', 'DateTime'),
  lead('Time_To_First_Touch_Min__c', 'Time To First Touch (min)', 'Number', { precision: 10, scale: 0 }),
  // Rejection codes are the protocol's own list, which may change between versions: free text.
  lead('Rejection_Code__c', 'Rejection Code', 'Text', { length: 80 }),
  ...campaignFieldSpecs(),
];

const DESCRIBE_TYPES: Readonly<Record<CustomFieldSpec['type'], string>> = {
  Text: 'string',
  LongTextArea: 'textarea',
  Number: 'double',
  Percent: 'percent',
  DateTime: 'datetime',
  Picklist: 'picklist',
  Checkbox: 'boolean',
};

/** CustomField.label takes at most 40 characters (Metadata API, customfield.htm below). */
const LABEL_MAX = 40;

/** The label Salesforce will hold: a longer one is cut to 39 characters and an ellipsis, not refused. */
export function fittedLabel(label: string): string {
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}

/** The Tooling API Metadata of a field. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm */
export function customFieldMetadata(spec: CustomFieldSpec): Record<string, unknown> {
  const base = { label: fittedLabel(spec.label), type: spec.type, required: false };
  switch (spec.type) {
    case 'Text':
      return {
        ...base,
        length: spec.length ?? 255,
        externalId: spec.externalId === true,
        unique: spec.unique === true,
        caseSensitive: false,
      };
    case 'LongTextArea':
      return { ...base, length: spec.length ?? 32768, visibleLines: 5 };
    case 'Number':
    case 'Percent':
      return {
        ...base,
        precision: spec.precision ?? 18,
        scale: spec.scale ?? 0,
        externalId: spec.externalId === true,
        unique: spec.unique === true,
      };
    case 'Checkbox':
      return { ...base, defaultValue: 'false' };
    case 'Picklist':
      return {
        ...base,
        valueSet: {
          restricted: true,
          valueSetDefinition: {
            sorted: false,
            value: (spec.picklistValues ?? []).map((value) => ({ fullName: value, default: false, label: value })),
          },
        },
      };
    case 'DateTime':
      return base;
  }
}

type DescribedField = DescribeResult['fields'][number];

function differs(spec: CustomFieldSpec, field: DescribedField): boolean {
  if (field.label !== fittedLabel(spec.label)) return true;
  if (field.externalId !== (spec.externalId === true) || field.unique !== (spec.unique === true)) return true;
  if ((spec.type === 'Text' || spec.type === 'LongTextArea') && field.length !== (spec.length ?? field.length))
    return true;
  if (
    (spec.type === 'Number' || spec.type === 'Percent') &&
    (field.precision !== (spec.precision ?? field.precision) || field.scale !== (spec.scale ?? field.scale))
  )
    return true;
  const values = new Set((field.picklistValues ?? []).map((v) => v.value));
  return (spec.picklistValues ?? []).some((value) => !values.has(value));
}

/** An update never removes a picklist value records may still hold. */
function keepExistingValues(spec: CustomFieldSpec, field: DescribedField): CustomFieldSpec {
  if (spec.type !== 'Picklist') return spec;
  const existing = (field.picklistValues ?? []).map((v) => v.value);
  return { ...spec, picklistValues: [...new Set([...(spec.picklistValues ?? []), ...existing])] };
}

export interface ProvisionPlan {
  readonly create: readonly CustomFieldSpec[];
  readonly update: readonly CustomFieldSpec[];
  readonly unchanged: readonly CustomFieldSpec[];
  /** Fields that exist with another type: changing a type loses data, so a person decides. */
  readonly conflicts: readonly string[];
}

export function qualifiedName(spec: CustomFieldSpec): string {
  return `${spec.object}.${spec.name}`;
}

export function planProvision(
  specs: readonly CustomFieldSpec[],
  describes: ReadonlyMap<string, DescribeResult>,
): ProvisionPlan {
  const plan = {
    create: [] as CustomFieldSpec[],
    update: [] as CustomFieldSpec[],
    unchanged: [] as CustomFieldSpec[],
    conflicts: [] as string[],
  };
  for (const spec of specs) {
    const field = describes.get(spec.object)?.fields.find((f) => f.name.toLowerCase() === spec.name.toLowerCase());
    if (field === undefined) plan.create.push(spec);
    else if (field.type !== DESCRIBE_TYPES[spec.type])
      plan.conflicts.push(`${qualifiedName(spec)} is a ${field.type} field, expected ${DESCRIBE_TYPES[spec.type]}`);
    else if (differs(spec, field)) plan.update.push(keepExistingValues(spec, field));
    else plan.unchanged.push(spec);
  }
  return plan;
}
