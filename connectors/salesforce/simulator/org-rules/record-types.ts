import { recordError, type RecordError } from './types';
import type { RecordTypeConfig } from './config';
import type { RulesOrg, Save, SyncRows } from './types';

/**
 * Record types on Lead and Contact: each offers its own subset of a picklist's values. A record
 * created without RecordTypeId gets the default record type (here the object's first active one);
 * an id that is not an active record type of the object fails INVALID_CROSS_REFERENCE_KEY. A value
 * the record type does not offer is refused on a restricted picklist only: an unrestricted picklist
 * takes any value through the API, the record type's list included.
 * https://help.salesforce.com/s/articleView?id=sf.fields_restricted_picklists.htm (Restricted Picklists)
 * https://help.salesforce.com/s/articleView?id=sf.customize_recordtype.htm (Record Types)
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_recordtype.htm
 */

export function syncRecordTypes(org: RulesOrg, types: readonly RecordTypeConfig[], syncRows: SyncRows): void {
  syncRows(
    org,
    'RecordType',
    'DeveloperName',
    types.map((type) => ({
      DeveloperName: type.developerName,
      Name: type.name,
      SobjectType: type.object,
      IsActive: type.active !== false,
    })),
    { IsActive: false },
  );
}

export function recordTypeErrors(types: readonly RecordTypeConfig[], org: RulesOrg, save: Save): RecordError[] {
  const own = types.filter((type) => type.object === save.object && type.active !== false);
  if (!types.some((type) => type.object === save.object)) return [];
  const rows = org.store
    .rows('RecordType')
    .filter((row) => row['SobjectType'] === save.object && row['IsActive'] === true);
  if (save.before === undefined && (save.record['RecordTypeId'] ?? null) === null) {
    const first = rows.find((row) => row['DeveloperName'] === own[0]?.developerName);
    save.record['RecordTypeId'] = typeof first?.['Id'] === 'string' ? first['Id'] : null;
  }
  const id = save.record['RecordTypeId'];
  const row = rows.find((r) => r['Id'] === id);
  if (id !== null && id !== undefined && row === undefined)
    return [
      recordError(
        'INVALID_CROSS_REFERENCE_KEY',
        `Record Type ID: this ID value isn't valid for the user: ${String(id)}`,
        ['RecordTypeId'],
      ),
    ];
  const type = own.find((t) => t.developerName === row?.['DeveloperName']);
  const schema = org.registry.object(save.object);
  return Object.entries(type?.picklists ?? {}).flatMap(([field, values]) => {
    const value = save.record[field];
    if (
      schema?.field(field)?.picklist?.restricted !== true ||
      !save.changed.has(field.toLowerCase()) ||
      value === null ||
      value === undefined ||
      values.includes(String(value))
    )
      return [];
    return [
      recordError(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${field}: bad value for restricted picklist field: ${String(value)}`,
        [field],
      ),
    ];
  });
}
