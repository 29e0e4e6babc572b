import type { SystemPermission } from '../schema/access-objects';
import type { FieldDef } from '../schema/field';
import { ObjectSchema } from '../schema/registry';
import type { Row } from '../schema/values';

/**
 * What one user may do, as the platform computes it: the union of every permission set the user
 * holds, the profile's own one (IsOwnedByProfile) included. A user's profile is a permission set
 * like any other here, so "what may user X do" is one union over PermissionSetAssignment.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 *
 * Field-level security covers custom fields: one is visible to nobody until a FieldPermissions row
 * grants it, a System Administrator included, since a field created through the Tooling or
 * Metadata API gets no field permissions (only the Setup wizard offers to grant them).
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm
 * Standard fields follow their object's permissions in this simulator: the platform also lets a
 * permission set govern some standard fields, which leadpact does not rely on.
 */

export type AccessMode = 'enforced' | 'all';

export interface ObjectRights {
  readonly read: boolean;
  readonly create: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
}

export interface FieldRights {
  readonly read: boolean;
  readonly edit: boolean;
}

/** Where the model reads the org's permission records from (the record store). */
export interface AccessRows {
  rows(object: string): Row[];
}

const NONE: ObjectRights = { read: false, create: false, edit: false, delete: false };
const ALL: ObjectRights = { read: true, create: true, edit: true, delete: true };

/** Setup objects: no object permissions; reading them takes "View Setup and Configuration". */
const SETUP_WRITERS: Readonly<Record<string, readonly SystemPermission[]>> = {
  userlicense: [],
  profile: [],
  permissionset: ['PermissionsManageProfilesPermissionsets', 'PermissionsManageUsers'],
  objectpermissions: ['PermissionsManageProfilesPermissionsets', 'PermissionsManageUsers'],
  fieldpermissions: ['PermissionsManageProfilesPermissionsets', 'PermissionsManageUsers'],
  permissionsetassignment: ['PermissionsAssignPermissionSets', 'PermissionsManageUsers'],
  // The org's own rules (org-rules/objects.ts): configured in Setup, read with "View Setup and Configuration".
  assignmentrule: [],
  duplicaterule: [],
  recordtype: [],
};
const SETUP_READERS: readonly SystemPermission[] = [
  'PermissionsViewSetup',
  'PermissionsManageUsers',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsModifyAllData',
];

/**
 * Users, groups and the Organization row take no object permissions (ObjectPermissions refuses
 * them): every API user reads them; changing users and groups takes "Manage Users".
 */
const PEOPLE = new Set(['user', 'group', 'groupmember', 'organization']);

/** Whether ObjectPermissions may name this object: not setup objects, users or groups. */
export function takesObjectPermissions(object: string): boolean {
  const key = object.toLowerCase();
  return SETUP_WRITERS[key] === undefined && !PEOPLE.has(key);
}

const live = (row: Row): boolean => row['IsDeleted'] !== true;
const yes = (row: Row, name: string): boolean => row[name] === true;

function or(a: ObjectRights, b: ObjectRights): ObjectRights {
  return { read: a.read || b.read, create: a.create || b.create, edit: a.edit || b.edit, delete: a.delete || b.delete };
}

export class UserAccess {
  constructor(
    private readonly objects: ReadonlyMap<string, ObjectRights>,
    private readonly fields: ReadonlyMap<string, FieldRights>,
    private readonly permissions: ReadonlySet<SystemPermission>,
  ) {}

  has(permission: SystemPermission): boolean {
    return this.permissions.has(permission) || this.permissions.has('PermissionsModifyAllData');
  }

  object(name: string): ObjectRights {
    const key = name.toLowerCase();
    const setupWriters = SETUP_WRITERS[key];
    if (setupWriters !== undefined) {
      const write = setupWriters.some((p) => this.has(p));
      return { read: SETUP_READERS.some((p) => this.has(p)) || write, create: write, edit: write, delete: write };
    }
    if (PEOPLE.has(key)) {
      const manage = this.has('PermissionsManageUsers');
      return { read: true, create: manage, edit: manage, delete: manage };
    }
    if (this.permissions.has('PermissionsModifyAllData')) return ALL;
    const granted = this.objects.get(key) ?? NONE;
    return this.permissions.has('PermissionsViewAllData') ? { ...granted, read: true } : granted;
  }

  field(object: string, field: FieldDef): FieldRights {
    const rights = this.object(object);
    if (!rights.read) return { read: false, edit: false };
    if (!field.custom) return { read: true, edit: rights.edit || rights.create };
    const granted = this.fields.get(`${object}.${field.name}`.toLowerCase());
    return { read: granted?.read === true || granted?.edit === true, edit: granted?.edit === true };
  }

  /**
   * The object as describe and queries show it to this user: unreadable fields left out, the ones
   * it may not edit neither createable nor updateable; undefined when it may not read the object.
   */
  view(schema: ObjectSchema): ObjectSchema | undefined {
    const rights = this.object(schema.name);
    if (!rights.read) return undefined;
    const fields = schema.fields.flatMap((field) => {
      const access = this.field(schema.name, field);
      if (!access.read) return [];
      return [{ ...field, createable: field.createable && access.edit, updateable: field.updateable && access.edit }];
    });
    return new ObjectSchema({
      ...schema.def,
      createable: schema.def.createable && rights.create,
      updateable: schema.def.updateable && rights.edit,
      deletable: schema.def.deletable && rights.delete,
      fields,
    });
  }
}

/** Every permission set a user holds: the profile's own one and the assigned ones. */
export function permissionSetsOf(rows: AccessRows, userId: string, defaultProfileId: string | undefined): Set<string> {
  const user = rows.rows('User').find((row) => row['Id'] === userId);
  const profileId = typeof user?.['ProfileId'] === 'string' ? user['ProfileId'] : defaultProfileId;
  const sets = new Set<string>();
  for (const set of rows.rows('PermissionSet'))
    if (live(set) && yes(set, 'IsOwnedByProfile') && set['ProfileId'] === profileId) sets.add(String(set['Id']));
  for (const assignment of rows.rows('PermissionSetAssignment'))
    if (live(assignment) && assignment['AssigneeId'] === userId) sets.add(String(assignment['PermissionSetId']));
  return sets;
}

export function computeAccess(
  rows: AccessRows,
  sets: ReadonlySet<string>,
  permissions: readonly SystemPermission[],
): UserAccess {
  const held = rows.rows('PermissionSet').filter((set) => live(set) && sets.has(String(set['Id'])));
  // A deleted permission set takes its object and field permissions with it.
  const liveSets = new Set(held.map((set) => String(set['Id'])));
  const granted = new Set(permissions.filter((p) => held.some((set) => yes(set, p))));
  const objects = new Map<string, ObjectRights>();
  for (const row of rows.rows('ObjectPermissions')) {
    if (!live(row) || !liveSets.has(String(row['ParentId']))) continue;
    const all = yes(row, 'PermissionsModifyAllRecords');
    const rights: ObjectRights = {
      read: all || yes(row, 'PermissionsRead') || yes(row, 'PermissionsViewAllRecords'),
      create: all || yes(row, 'PermissionsCreate'),
      edit: all || yes(row, 'PermissionsEdit'),
      delete: all || yes(row, 'PermissionsDelete'),
    };
    const key = String(row['SobjectType']).toLowerCase();
    objects.set(key, or(objects.get(key) ?? NONE, rights));
  }
  const fields = new Map<string, FieldRights>();
  for (const row of rows.rows('FieldPermissions')) {
    if (!live(row) || !liveSets.has(String(row['ParentId']))) continue;
    const key = String(row['Field']).toLowerCase();
    const before = fields.get(key);
    fields.set(key, {
      read: before?.read === true || yes(row, 'PermissionsRead'),
      edit: before?.edit === true || yes(row, 'PermissionsEdit'),
    });
  }
  return new UserAccess(objects, fields, granted);
}
