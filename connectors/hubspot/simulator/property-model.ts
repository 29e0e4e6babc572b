export const OBJECT_TYPES = ['contacts', 'companies', 'deals'] as const;
export type StandardObjectType = (typeof OBJECT_TYPES)[number];
/** A custom object type, named by the objectTypeId HubSpot gave its schema (`2-` and a number). */
export type CustomObjectType = `2-${number}`;
export type SimObjectType = StandardObjectType | CustomObjectType;

export function isStandardType(value: string): value is StandardObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(value);
}

/** Object type ids as the v4 associations API and webhooks name them. */
export const OBJECT_TYPE_IDS: Readonly<Record<StandardObjectType, string>> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
};
/**
 * A standard object named in a path: its plural name, its object type id or its singular name
 * ("objectType: The object type ID or fully qualified name", objects and properties references;
 * the associations v4 guide writes /crm/v4/objects/contact/…). Undefined for anything else.
 */
export function standardTypeOf(name: string): StandardObjectType | undefined {
  const lower = name.toLowerCase();
  return OBJECT_TYPES.find((type) => type === lower || OBJECT_TYPE_IDS[type] === lower || SINGULAR[type] === lower);
}

export const SINGULAR: Readonly<Record<StandardObjectType, string>> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
};

/** https://developers.hubspot.com/docs/guides/api/crm/properties (type / fieldType pairs). */
export const PROPERTY_TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const FIELD_TYPES_BY_TYPE: Readonly<Record<PropertyType, readonly string[]>> = {
  string: ['text', 'textarea', 'file', 'html', 'phonenumber'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
  phone_number: ['phonenumber'],
};

export interface PropertyOption {
  readonly label: string;
  readonly value: string;
  readonly description: string;
  readonly displayOrder: number;
  readonly hidden: boolean;
}

export interface PropertyDefinition {
  readonly name: string;
  readonly label: string;
  readonly type: PropertyType;
  readonly fieldType: string;
  readonly groupName: string;
  readonly description: string;
  readonly options: readonly PropertyOption[];
  readonly displayOrder: number;
  readonly calculated: boolean;
  readonly externalOptions: boolean;
  readonly hasUniqueValue: boolean;
  readonly hidden: boolean;
  readonly hubspotDefined: boolean;
  readonly formField: boolean;
  /** Set by HubSpot itself (analytics, scores, timestamps): an API write is refused. */
  readonly readOnlyValue: boolean;
  readonly readOnlyDefinition: boolean;
  /** Options come from another store (hubspot_owner_id takes owner ids). */
  readonly dynamicOptions?: 'owners';
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archived: boolean;
}

export interface PropertyGroup {
  readonly name: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly archived: boolean;
}

/** The v3 Property JSON. */
export function propertyJson(definition: PropertyDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    label: definition.label,
    type: definition.type,
    fieldType: definition.fieldType,
    description: definition.description,
    groupName: definition.groupName,
    options: definition.options,
    displayOrder: definition.displayOrder,
    calculated: definition.calculated,
    externalOptions: definition.externalOptions,
    hasUniqueValue: definition.hasUniqueValue,
    hidden: definition.hidden,
    hubspotDefined: definition.hubspotDefined,
    formField: definition.formField,
    modificationMetadata: {
      archivable: !definition.hubspotDefined,
      readOnlyDefinition: definition.readOnlyDefinition,
      readOnlyValue: definition.readOnlyValue,
    },
    createdAt: new Date(definition.createdAt).toISOString(),
    updatedAt: new Date(definition.updatedAt).toISOString(),
    archived: definition.archived,
  };
}
