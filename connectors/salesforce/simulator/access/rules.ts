import type { FieldDef } from '../schema/field';
import type { Row } from '../schema/values';
import type { FieldRights, UserAccess } from './model';

/**
 * What the platform refuses on a save for access reasons, and the checks of its own setup
 * records (a permission naming a field that does not exist, an Edit without Read, a second
 * grant of the same thing). Errors come as the REST API's record errors.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#i1421192
 */

export interface AccessError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export type Operation = 'create' | 'edit' | 'delete';

export interface RulesContext {
  rows(object: string): Row[];
  /** The field of an object, or undefined when either does not exist. */
  field(object: string, field: string): FieldDef | undefined;
  /** Whether ObjectPermissions may name this object. */
  takesObjectPermissions(object: string): boolean;
}

const error = (statusCode: string, message: string, fields: readonly string[] = []): AccessError => ({
  statusCode,
  message,
  fields,
});

/** The object-level refusal of a save (no Create, Edit or Delete on the object). */
export function operationDenied(
  access: UserAccess | undefined,
  object: string,
  operation: Operation,
): AccessError | undefined {
  if (access === undefined) return undefined;
  const rights = access.object(object);
  const allowed = operation === 'create' ? rights.create : operation === 'edit' ? rights.edit : rights.delete;
  return allowed ? undefined : error('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
}

export function fieldRights(access: UserAccess | undefined, object: string, field: FieldDef): FieldRights {
  return access === undefined ? { read: true, edit: true } : access.field(object, field);
}

const live = (row: Row): boolean => row['IsDeleted'] !== true;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const same = (a: unknown, b: unknown): boolean => text(a).toLowerCase() === text(b).toLowerCase();

function duplicate(
  ctx: RulesContext,
  object: string,
  merged: Row,
  keys: readonly string[],
  label: string,
): AccessError | undefined {
  const other = ctx
    .rows(object)
    .find((row) => live(row) && row['Id'] !== merged['Id'] && keys.every((key) => same(row[key], merged[key])));
  return other === undefined
    ? undefined
    : error(
        'DUPLICATE_VALUE',
        `duplicate value found: ${label} duplicates value on record with id: ${String(other['Id'])}`,
      );
}

// A permission depends on the ones before it: Edit needs Read, Delete needs Edit (Setup refuses
// the save otherwise with the dependency named).
function dependencies(merged: Row, chain: readonly string[]): AccessError | undefined {
  for (let i = 1; i < chain.length; i += 1) {
    const permission = chain[i] ?? '';
    const needed = chain[i - 1] ?? '';
    if (merged[permission] === true && merged[needed] !== true)
      return error(
        'FIELD_INTEGRITY_EXCEPTION',
        `Permission ${permission.replace('Permissions', '')} depends on permission(s): ${needed.replace('Permissions', '')}`,
        [needed],
      );
  }
  return undefined;
}

const badValue = (label: string, value: unknown, field: string): AccessError =>
  error('FIELD_INTEGRITY_EXCEPTION', `${label}: bad value for restricted picklist field: ${text(value)}`, [field]);

function fieldPermissionRules(ctx: RulesContext, merged: Row): AccessError | undefined {
  const [object = '', name = '', extra] = text(merged['Field']).split('.');
  const field = ctx.field(object, name);
  if (extra !== undefined || !same(object, merged['SobjectType']) || field === undefined || !permissionable(field))
    return badValue('Field Name', merged['Field'], 'Field');
  return (
    dependencies(merged, ['PermissionsRead', 'PermissionsEdit']) ??
    duplicate(ctx, 'FieldPermissions', merged, ['ParentId', 'Field'], 'Field')
  );
}

/** FieldPermissions take fields a profile can hide: custom ones, and standard ones that are not required. */
function permissionable(field: FieldDef): boolean {
  const required = !field.nillable && !field.defaultedOnCreate;
  return field.custom || (!field.calculated && !required && (field.createable || field.updateable));
}

function objectPermissionRules(ctx: RulesContext, merged: Row): AccessError | undefined {
  if (!ctx.takesObjectPermissions(text(merged['SobjectType'])))
    return badValue('Sobject Type Name', merged['SobjectType'], 'SobjectType');
  return (
    dependencies(merged, ['PermissionsRead', 'PermissionsEdit', 'PermissionsDelete']) ??
    dependencies(merged, ['PermissionsRead', 'PermissionsCreate']) ??
    dependencies(merged, ['PermissionsRead', 'PermissionsViewAllRecords', 'PermissionsModifyAllRecords']) ??
    duplicate(ctx, 'ObjectPermissions', merged, ['ParentId', 'SobjectType'], 'SobjectType')
  );
}

const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;

function permissionSetRules(ctx: RulesContext, merged: Row, before: Row | undefined): AccessError | undefined {
  if (before?.['IsOwnedByProfile'] === true)
    return error('INSUFFICIENT_ACCESS_OR_READONLY', "a profile's own permission set is changed through its profile");
  if (!API_NAME.test(text(merged['Name'])))
    return error(
      'FIELD_INTEGRITY_EXCEPTION',
      'The API Name can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.',
      ['Name'],
    );
  return duplicate(ctx, 'PermissionSet', merged, ['Name'], 'Name');
}

function assignmentRules(ctx: RulesContext, merged: Row): AccessError | undefined {
  const set = ctx.rows('PermissionSet').find((row) => row['Id'] === merged['PermissionSetId']);
  if (set?.['IsOwnedByProfile'] === true)
    return error('INVALID_CROSS_REFERENCE_KEY', "a profile's own permission set cannot be assigned", [
      'PermissionSetId',
    ]);
  return duplicate(ctx, 'PermissionSetAssignment', merged, ['AssigneeId', 'PermissionSetId'], 'PermissionSetId');
}

/** The checks of a setup record before it is saved; other objects have none here. */
export function setupRecordRules(
  ctx: RulesContext,
  object: string,
  merged: Row,
  before: Row | undefined,
): AccessError[] {
  const problem = (() => {
    switch (object) {
      case 'FieldPermissions':
        return fieldPermissionRules(ctx, merged);
      case 'ObjectPermissions':
        return objectPermissionRules(ctx, merged);
      case 'PermissionSet':
        return permissionSetRules(ctx, merged, before);
      case 'PermissionSetAssignment':
        return assignmentRules(ctx, merged);
      case 'GroupMember':
        return duplicate(ctx, 'GroupMember', merged, ['GroupId', 'UserOrGroupId'], 'UserOrGroupId');
      default:
        return undefined;
    }
  })();
  return problem === undefined ? [] : [problem];
}
