import type { CustomFieldSpec } from '../../src/shared/field-specs';
import type { DescribeResult } from './salesforce.schema';

/**
 * The pure part of provisioning custom fields: what to create, what to update, what is already
 * right. Which fields leadpact writes is the application's to say (src/app/provision-specs.ts).
 */

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
