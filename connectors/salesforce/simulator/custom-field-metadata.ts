import { z } from 'zod';
import { badRequest, type SfApiError } from './reply';
import type { FieldDef, FieldType, PicklistDef } from './schema/field';

/**
 * The Metadata of a Tooling API CustomField, as far as leadpact's field types need it, and its
 * translation into a describe-able field. Rules follow the Metadata API's CustomField reference.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
 */

const picklistValue = z.object({
  fullName: z.string().min(1).max(255),
  default: z.boolean().optional(),
  label: z.string().max(255).optional(),
  /** CustomValue.isActive: false keeps the value on the records that hold it and offers it no more. */
  isActive: z.boolean().optional(),
});

export const customFieldMetadataSchema = z.looseObject({
  label: z.string().min(1).max(40),
  type: z.enum([
    'Text',
    'TextArea',
    'LongTextArea',
    'Email',
    'Phone',
    'Url',
    'Number',
    'Percent',
    'Currency',
    'Checkbox',
    'Date',
    'DateTime',
    'Picklist',
  ]),
  length: z.number().int().optional(),
  precision: z.number().int().optional(),
  scale: z.number().int().optional(),
  visibleLines: z.number().int().optional(),
  externalId: z.boolean().optional(),
  unique: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  required: z.boolean().optional(),
  defaultValue: z.string().nullable().optional(),
  description: z.string().max(1000).optional(),
  inlineHelpText: z.string().max(510).optional(),
  valueSet: z
    .looseObject({
      restricted: z.boolean().optional(),
      valueSetDefinition: z.looseObject({ sorted: z.boolean().optional(), value: z.array(picklistValue) }),
    })
    .optional(),
});

export type CustomFieldMetadata = z.infer<typeof customFieldMetadataSchema>;

const TYPE_MAP: Readonly<Record<CustomFieldMetadata['type'], FieldType>> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Number: 'double',
  Percent: 'percent',
  Currency: 'currency',
  Checkbox: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
  Picklist: 'picklist',
};

const FIXED_LENGTH: Partial<Record<CustomFieldMetadata['type'], number>> = {
  TextArea: 255,
  Email: 80,
  Phone: 40,
  Url: 255,
};
const EXTERNAL_ID_TYPES = new Set(['Text', 'Number', 'Email']);

function integrity(message: string): SfApiError {
  return badRequest('FIELD_INTEGRITY_EXCEPTION', message, []);
}

function checkSizes(metadata: CustomFieldMetadata): void {
  const { type, length, precision, scale } = metadata;
  if (type === 'Text' && (length === undefined || length < 1 || length > 255))
    throw integrity('Length: You must enter a value between 1 and 255.');
  if (type === 'LongTextArea' && (length === undefined || length < 256 || length > 131072))
    throw integrity('Length: You must enter a value between 256 and 131,072.');
  if (type === 'LongTextArea' && metadata.visibleLines === undefined)
    throw integrity('Visible Lines: You must enter a value.');
  if (type === 'Number' || type === 'Percent' || type === 'Currency') {
    if (precision === undefined || precision < 1 || precision > 18)
      throw integrity('Length: the precision must be between 1 and 18.');
    if (scale !== undefined && (scale < 0 || scale > precision))
      throw integrity('Decimal Places: the scale cannot exceed the precision.');
  }
}

/** A picklist's active values, their labels, and the values deactivated (kept on records, offered no more). */
function picklistOf(metadata: CustomFieldMetadata): PicklistDef {
  const values = metadata.valueSet?.valueSetDefinition.value ?? [];
  const active = values.filter((v) => v.isActive !== false);
  const preset = active.find((v) => v.default === true)?.fullName;
  const inactive = values.filter((v) => v.isActive === false).map((v) => v.fullName);
  const labels = Object.fromEntries(values.flatMap((v) => (v.label === undefined ? [] : [[v.fullName, v.label]])));
  return {
    values: active.map((v) => v.fullName),
    restricted: metadata.valueSet?.restricted === true,
    labels,
    ...(inactive.length === 0 ? {} : { inactive }),
    ...(preset === undefined ? {} : { defaultValue: preset }),
  };
}

/** Refuses metadata the platform refuses; returns the field it describes otherwise. */
export function fieldFromMetadata(name: string, metadata: CustomFieldMetadata): FieldDef {
  checkSizes(metadata);
  const { type } = metadata;
  if (type === 'Checkbox' && metadata.defaultValue !== 'true' && metadata.defaultValue !== 'false')
    throw integrity('Default Value: A checkbox needs a default value of true or false.');
  if (type === 'Picklist' && (metadata.valueSet?.valueSetDefinition.value.length ?? 0) === 0)
    throw integrity('Values: You must enter at least one picklist value.');
  if ((metadata.externalId === true || metadata.unique === true) && !EXTERNAL_ID_TYPES.has(type)) {
    throw integrity(`External ID / Unique: not available for fields of type ${type}.`);
  }
  const picklist = type === 'Picklist' ? picklistOf(metadata) : undefined;
  const required = metadata.required === true && type !== 'Checkbox';
  return {
    name,
    label: metadata.label,
    type: TYPE_MAP[type],
    length:
      FIXED_LENGTH[type] ??
      (type === 'Text' || type === 'LongTextArea' ? (metadata.length ?? 0) : type === 'Picklist' ? 255 : 0),
    precision: metadata.precision ?? 0,
    scale: metadata.scale ?? 0,
    nillable: !required && type !== 'Checkbox',
    createable: true,
    updateable: true,
    defaultedOnCreate: type === 'Checkbox' || picklist?.defaultValue !== undefined,
    externalId: metadata.externalId === true,
    unique: metadata.unique === true,
    caseSensitive: metadata.caseSensitive === true,
    custom: true,
    calculated: false,
    nameField: false,
    referenceTo: [],
    relationshipName: null,
    ...(picklist === undefined ? {} : { picklist }),
    ...(type === 'Checkbox' ? { defaultValue: metadata.defaultValue === 'true' } : {}),
    ...(metadata.inlineHelpText === undefined ? {} : { inlineHelpText: metadata.inlineHelpText }),
  };
}
