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

/** A picklist value as the field's Tooling Metadata holds it: inactive values stay on records that hold them. */
export interface HeldValue {
  readonly value: string;
  readonly label: string;
  readonly active: boolean;
}

/** What the Tooling API says of an existing field beyond describe: its words for people, its whole value set. */
export interface ToolingState {
  readonly id: string;
  readonly description: string | null;
  readonly helpText: string | null;
  /** Picklists only, active and inactive values alike (describe lists only the active ones). */
  readonly values?: readonly HeldValue[];
}

/**
 * The value set a picklist gets: the spec's values, active and labelled as the spec says, then the
 * values it held and the spec no longer lists, kept but inactive. Salesforce keeps an inactive value
 * on the records that hold it and offers it for no new choice; deleting it would blank those records.
 * https://help.salesforce.com/s/articleView?id=sf.fields_creating_picklists_deleting_values.htm
 */
export function picklistValueSet(spec: CustomFieldSpec, held: readonly HeldValue[] = []): HeldValue[] {
  const wanted = (spec.picklistValues ?? []).map((v) => ({ value: v.value, label: v.label, active: true }));
  const listed = new Set(wanted.map((v) => v.value));
  return [...wanted, ...held.filter((v) => !listed.has(v.value)).map((v) => ({ ...v, active: false }))];
}

/** The Tooling API Metadata of a field. https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm */
export function customFieldMetadata(spec: CustomFieldSpec, held: readonly HeldValue[] = []): Record<string, unknown> {
  const base = {
    label: fittedLabel(spec.label),
    type: spec.type,
    required: false,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.helpText === undefined ? {} : { inlineHelpText: spec.helpText }),
  };
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
            value: picklistValueSet(spec, held).map((v) => ({
              fullName: v.value,
              default: false,
              label: v.label,
              isActive: v.active,
            })),
          },
        },
      };
    case 'DateTime':
      return base;
  }
}

type DescribedField = DescribeResult['fields'][number];

function sameValues(a: readonly HeldValue[], b: readonly HeldValue[]): boolean {
  return a.length === b.length && a.every((v, i) => JSON.stringify(v) === JSON.stringify(b[i]));
}

function differs(spec: CustomFieldSpec, field: DescribedField, tooling: ToolingState | undefined): boolean {
  if (field.label !== fittedLabel(spec.label)) return true;
  if (field.externalId !== (spec.externalId === true) || field.unique !== (spec.unique === true)) return true;
  if ((spec.type === 'Text' || spec.type === 'LongTextArea') && field.length !== (spec.length ?? field.length))
    return true;
  if (
    (spec.type === 'Number' || spec.type === 'Percent') &&
    (field.precision !== (spec.precision ?? field.precision) || field.scale !== (spec.scale ?? field.scale))
  )
    return true;
  if ((spec.description ?? null) !== (tooling?.description ?? null)) return true;
  if ((spec.helpText ?? null) !== (tooling?.helpText ?? null)) return true;
  if (spec.type !== 'Picklist') return false;
  const held = tooling?.values ?? describedValues(field);
  return !sameValues(held, picklistValueSet(spec, held));
}

export interface PlannedUpdate {
  readonly spec: CustomFieldSpec;
  /** The Tooling API id of the field, and the values it holds (kept, inactive when no longer listed). */
  readonly id: string | null;
  readonly held: readonly HeldValue[];
}

export interface ProvisionPlan {
  readonly create: readonly CustomFieldSpec[];
  readonly update: readonly PlannedUpdate[];
  readonly unchanged: readonly CustomFieldSpec[];
  /** Fields that exist with another type: changing a type loses data, so a person decides. */
  readonly conflicts: readonly string[];
}

export function qualifiedName(spec: Pick<CustomFieldSpec, 'object' | 'name'>): string {
  return `${spec.object}.${spec.name}`;
}

/**
 * What to create, update and leave. `tooling` holds, by qualified name, what the Tooling API says of
 * the fields that exist (their description, help text and whole value set); describe says the rest.
 */
export function planProvision(
  specs: readonly CustomFieldSpec[],
  describes: ReadonlyMap<string, DescribeResult>,
  tooling: ReadonlyMap<string, ToolingState> = new Map(),
): ProvisionPlan {
  const plan = {
    create: [] as CustomFieldSpec[],
    update: [] as PlannedUpdate[],
    unchanged: [] as CustomFieldSpec[],
    conflicts: [] as string[],
  };
  for (const spec of specs) {
    const field = describes.get(spec.object)?.fields.find((f) => f.name.toLowerCase() === spec.name.toLowerCase());
    const state = tooling.get(qualifiedName(spec).toLowerCase());
    if (field === undefined) plan.create.push(spec);
    else if (field.type !== DESCRIBE_TYPES[spec.type])
      plan.conflicts.push(`${qualifiedName(spec)} is a ${field.type} field, expected ${DESCRIBE_TYPES[spec.type]}`);
    else if (differs(spec, field, state))
      plan.update.push({ spec, id: state?.id ?? null, held: state?.values ?? describedValues(field) });
    else plan.unchanged.push(spec);
  }
  return plan;
}

/** Without the Tooling Metadata, the values describe lists (the active ones) are what records may hold. */
function describedValues(field: DescribedField): HeldValue[] {
  return (field.picklistValues ?? []).map((v) => ({ value: v.value, label: v.label ?? v.value, active: true }));
}
