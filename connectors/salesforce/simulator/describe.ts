import type { FieldDef, FieldType } from './schema/field';
import type { ObjectSchema } from './schema/registry';

/**
 * Describe results in the REST API's shape, with the properties clients read: name, type, label,
 * length, precision/scale, nillable, createable/updateable, custom, externalId, unique, picklists,
 * references.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_describesobjects_describesobjectresult.htm
 */

const SOAP_TYPES: Readonly<Record<FieldType, string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  complexvalue: 'urn:JsonNode',
};

function describeField(field: FieldDef): Record<string, unknown> {
  const picklist = field.picklist;
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type],
    length: field.type === 'int' ? 0 : field.length,
    byteLength: field.length * 3,
    digits: field.type === 'int' ? field.precision : 0,
    precision: field.type === 'int' ? 0 : field.precision,
    scale: field.scale,
    nillable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    defaultedOnCreate: field.defaultedOnCreate,
    custom: field.custom,
    calculated: field.calculated,
    nameField: field.nameField,
    externalId: field.externalId,
    unique: field.unique,
    caseSensitive: field.caseSensitive,
    idLookup: field.type === 'id' || field.externalId || field.unique,
    filterable: field.type !== 'textarea' || field.length <= 255,
    sortable: field.type !== 'textarea' || field.length <= 255,
    groupable:
      field.type !== 'textarea' && field.type !== 'double' && field.type !== 'currency' && field.type !== 'percent',
    defaultValue: field.defaultValue ?? null,
    inlineHelpText: field.inlineHelpText ?? null,
    picklistValues: (picklist?.values ?? []).map((value) => ({
      active: true,
      defaultValue: value === picklist?.defaultValue,
      label: picklist?.labels?.[value] ?? value,
      validFor: null,
      value,
    })),
    restrictedPicklist: picklist?.restricted === true,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    polymorphicForeignKey: field.referenceTo.length > 1,
    autoNumber: false,
  };
}

/** Where an object's resources live: the REST API's sobjects, or the Tooling API's. */
export type ObjectSpace = 'sobjects' | 'tooling/sobjects';

function urls(version: string, name: string, space: ObjectSpace): Record<string, string> {
  const base = `/services/data/v${version}/${space}/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function objectSummary(schema: ObjectSchema, version: string, space: ObjectSpace): Record<string, unknown> {
  const def = schema.def;
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: false,
    createable: def.createable,
    updateable: def.updateable,
    deletable: def.deletable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    undeletable: def.softDelete,
    // Replication (Get Updated/Deleted Records) serves every object here; clients check this first.
    replicateable: true,
    mergeable: ['Lead', 'Contact', 'Account'].includes(def.name),
    layoutable: true,
    triggerable: true,
    urls: urls(version, def.name, space),
  };
}

export function describeObject(
  schema: ObjectSchema,
  version: string,
  space: ObjectSpace = 'sobjects',
): Record<string, unknown> {
  return { ...objectSummary(schema, version, space), fields: schema.fields.map(describeField) };
}

export function describeGlobal(
  schemas: readonly ObjectSchema[],
  version: string,
  space: ObjectSpace = 'sobjects',
): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schemas.map((schema) => objectSummary(schema, version, space)),
  };
}

export function objectInfo(
  schema: ObjectSchema,
  version: string,
  space: ObjectSpace = 'sobjects',
): Record<string, unknown> {
  return { objectDescribe: objectSummary(schema, version, space), recentItems: [] };
}
