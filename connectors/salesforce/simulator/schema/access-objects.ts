import { KEY_PREFIXES } from './ids';
import { bool, picklist, reference, standardObject, text, type FieldDef } from './field';

/**
 * The setup objects behind field-level security, as the Object Reference describes them: who
 * holds which licence and profile, the permission sets (a profile's own one too) and what they
 * grant, and who is in which queue. Setup objects have no recycle bin: a delete is final.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
 */

/** The system permissions leadpact's set-up depends on (PermissionSet / Profile "Permissions…" fields). */
export const SYSTEM_PERMISSIONS = [
  'PermissionsApiEnabled',
  'PermissionsApiUserOnly',
  'PermissionsViewSetup',
  'PermissionsManageUsers',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsAssignPermissionSets',
  'PermissionsCustomizeApplication',
  'PermissionsViewAllData',
  'PermissionsModifyAllData',
] as const;
export type SystemPermission = (typeof SYSTEM_PERMISSIONS)[number];

const systemPermissionFields = (options: { readOnly?: boolean } = {}): FieldDef[] =>
  SYSTEM_PERMISSIONS.map((name) => bool(name, name.replace(/^Permissions/, ''), options));

const SETUP = { deletable: true, softDelete: false } as const;

export const USER_LICENSE = standardObject(
  'UserLicense',
  { label: 'User License', labelPlural: 'User Licenses', keyPrefix: KEY_PREFIXES.UserLicense },
  [
    text('Name', 'Name', 40, { readOnly: true, nameField: true }),
    text('MasterLabel', 'Master Label', 40, { readOnly: true }),
    text('LicenseDefinitionKey', 'License Definition Key', 40, { readOnly: true }),
    text('Status', 'Status', 40, { readOnly: true }),
  ],
  { createable: false, updateable: false, deletable: false, softDelete: false },
);

export const PROFILE = standardObject(
  'Profile',
  { label: 'Profile', labelPlural: 'Profiles', keyPrefix: KEY_PREFIXES.Profile },
  [
    text('Name', 'Name', 255, { readOnly: true, nameField: true }),
    reference('UserLicenseId', 'User License ID', ['UserLicense'], 'UserLicense', { readOnly: true }),
    picklist('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly'], { readOnly: true }),
    text('Description', 'Description', 255, { readOnly: true }),
    ...systemPermissionFields({ readOnly: true }),
  ],
  { createable: false, updateable: false, deletable: false, softDelete: false },
);

export const PERMISSION_SET = standardObject(
  'PermissionSet',
  { label: 'Permission Set', labelPlural: 'Permission Sets', keyPrefix: KEY_PREFIXES.PermissionSet },
  [
    text('Name', 'Name', 80, { required: true, nameField: true }),
    text('Label', 'Label', 80, { required: true }),
    text('Description', 'Description', 255),
    bool('IsOwnedByProfile', 'Is Owned By Profile', { readOnly: true }),
    reference('ProfileId', 'Profile ID', ['Profile'], 'Profile', { readOnly: true }),
    reference('LicenseId', 'License ID', ['UserLicense'], 'License', { createOnly: true }),
    text('NamespacePrefix', 'Namespace Prefix', 15, { readOnly: true }),
    ...systemPermissionFields(),
  ],
  SETUP,
);

export const PERMISSION_SET_ASSIGNMENT = standardObject(
  'PermissionSetAssignment',
  {
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: KEY_PREFIXES.PermissionSetAssignment,
  },
  [
    reference('AssigneeId', 'Assignee ID', ['User'], 'Assignee', { required: true, createOnly: true }),
    reference('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', {
      required: true,
      createOnly: true,
    }),
  ],
  { ...SETUP, updateable: false },
);

const objectPermission = (name: string, label: string): FieldDef => bool(name, label);

export const OBJECT_PERMISSIONS = standardObject(
  'ObjectPermissions',
  { label: 'Object Permissions', labelPlural: 'Object Permissions', keyPrefix: KEY_PREFIXES.ObjectPermissions },
  [
    reference('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', { required: true, createOnly: true }),
    text('SobjectType', 'Sobject Type Name', 40, { required: true, createOnly: true }),
    objectPermission('PermissionsRead', 'Read Records'),
    objectPermission('PermissionsCreate', 'Create Records'),
    objectPermission('PermissionsEdit', 'Edit Records'),
    objectPermission('PermissionsDelete', 'Delete Records'),
    objectPermission('PermissionsViewAllRecords', 'View All Records'),
    objectPermission('PermissionsModifyAllRecords', 'Modify All Records'),
  ],
  SETUP,
);

export const FIELD_PERMISSIONS = standardObject(
  'FieldPermissions',
  { label: 'Field Permissions', labelPlural: 'Field Permissions', keyPrefix: KEY_PREFIXES.FieldPermissions },
  [
    reference('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', { required: true, createOnly: true }),
    text('SobjectType', 'Sobject Type Name', 40, { required: true, createOnly: true }),
    text('Field', 'Field Name', 121, { required: true, createOnly: true }),
    bool('PermissionsRead', 'Read Access'),
    bool('PermissionsEdit', 'Edit Access'),
  ],
  SETUP,
);

export const GROUP_MEMBER = standardObject(
  'GroupMember',
  { label: 'Group Member', labelPlural: 'Group Members', keyPrefix: KEY_PREFIXES.GroupMember },
  [
    reference('GroupId', 'Group ID', ['Group'], 'Group', { required: true, createOnly: true }),
    reference('UserOrGroupId', 'User/Group ID', ['User', 'Group'], 'UserOrGroup', { required: true, createOnly: true }),
  ],
  { ...SETUP, updateable: false },
);

export const ACCESS_OBJECTS = [
  USER_LICENSE,
  PROFILE,
  PERMISSION_SET,
  PERMISSION_SET_ASSIGNMENT,
  OBJECT_PERMISSIONS,
  FIELD_PERMISSIONS,
  GROUP_MEMBER,
];
