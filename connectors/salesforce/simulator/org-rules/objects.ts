import { bool, picklist, reference, standardObject, text, type FieldDef, type ObjectDef } from '../schema/field';

/**
 * The setup objects behind an org's own rules, as the Object Reference describes them; the API
 * reads them (SOQL) but they are configured in Setup, so none is createable through it.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_assignmentrule.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_duplicaterule.htm
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_recordtype.htm
 */

const SETUP_ONLY = { createable: false, updateable: false, deletable: false, softDelete: false } as const;

export const ORG_RULE_KEY_PREFIXES = { AssignmentRule: '01Q', DuplicateRule: '0Bm', RecordType: '012' } as const;

export const ASSIGNMENT_RULE = standardObject(
  'AssignmentRule',
  { label: 'Assignment Rule', labelPlural: 'Assignment Rules', keyPrefix: ORG_RULE_KEY_PREFIXES.AssignmentRule },
  [
    text('Name', 'Name', 120, { readOnly: true, nameField: true }),
    picklist('SobjectType', 'Object Type', ['Case', 'Lead'], { readOnly: true }),
    bool('Active', 'Active', { readOnly: true }),
  ],
  SETUP_ONLY,
);

export const DUPLICATE_RULE = standardObject(
  'DuplicateRule',
  { label: 'Duplicate Rule', labelPlural: 'Duplicate Rules', keyPrefix: ORG_RULE_KEY_PREFIXES.DuplicateRule },
  [
    text('DeveloperName', 'Rule Name', 80, { readOnly: true }),
    text('MasterLabel', 'Label', 80, { readOnly: true, nameField: true }),
    picklist('SobjectType', 'Object', ['Account', 'Contact', 'Lead'], { readOnly: true }),
    bool('IsActive', 'Active', { readOnly: true }),
  ],
  SETUP_ONLY,
);

export const RECORD_TYPE = standardObject(
  'RecordType',
  { label: 'Record Type', labelPlural: 'Record Types', keyPrefix: ORG_RULE_KEY_PREFIXES.RecordType },
  [
    text('Name', 'Record Type Name', 80, { readOnly: true, nameField: true }),
    text('DeveloperName', 'Record Type Name', 80, { readOnly: true }),
    picklist('SobjectType', 'SObject Type Name', ['Contact', 'Lead'], { readOnly: true }),
    bool('IsActive', 'Active', { readOnly: true }),
  ],
  SETUP_ONLY,
);

export const ORG_RULE_OBJECTS: readonly ObjectDef[] = [ASSIGNMENT_RULE, DUPLICATE_RULE, RECORD_TYPE];

/** Address field prefixes of the objects leadpact writes: Lead's has none, Contact's Mailing, Account's Billing. */
export const ADDRESS_PREFIXES: Readonly<Record<string, string>> = { Lead: '', Contact: 'Mailing', Account: 'Billing' };

/**
 * With state and country picklists on, each address gains StateCode and CountryCode picklists
 * beside its State and Country text fields.
 * https://help.salesforce.com/s/articleView?id=sf.admin_state_country_picklists_overview.htm
 */
export function addressCodeFields(
  prefix: string,
  countryCodes: readonly string[],
  stateCodes: readonly string[],
): FieldDef[] {
  return [
    picklist(`${prefix}CountryCode`, `${prefix} Country Code`.trim(), countryCodes),
    picklist(`${prefix}StateCode`, `${prefix} State Code`.trim(), stateCodes),
  ];
}

/** Lead and Contact gain RecordTypeId once the object has a record type besides Master. */
export function recordTypeIdField(): FieldDef {
  return reference('RecordTypeId', 'Record Type ID', ['RecordType'], 'RecordType', { defaulted: true });
}
