import type { SystemPermission } from '../schema/access-objects';

/**
 * A new org's licences, profiles and permission sets. Each profile has its own permission set
 * (IsOwnedByProfile), which holds the profile's object permissions.
 *
 * - System Administrator: every object, Modify All Data, the set-up permissions.
 * - Standard User (the sales reps): the sales objects leadpact works with.
 * - Salesforce API Only System Integrations, on the Salesforce Integration licence (the
 *   integration user's default): API access and nothing else; objects come from permission sets.
 *   https://help.salesforce.com/s/articleView?id=sf.integration_user.htm
 *
 * The simulator's integration user also holds "Integration Administration", a permission set an
 * admin typically gives the user an integration provisions with: manage users, profiles and
 * permission sets, customize the application. Without it `leadpact provision` cannot write
 * permission sets (tests remove the assignment to see that). Reading the setup objects takes
 * "View Setup and Configuration", which the simulator's API-only profile grants.
 */

export interface ProfileSeed {
  readonly name: string;
  readonly license: LicenseName;
  readonly permissions: readonly SystemPermission[];
  readonly objects: readonly ObjectGrant[];
}

export interface ObjectGrant {
  readonly object: string;
  readonly read: boolean;
  readonly create: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
}

export type LicenseName = 'Salesforce' | 'Salesforce Integration';

export const LICENSES: readonly { readonly name: LicenseName; readonly key: string }[] = [
  { name: 'Salesforce', key: 'SFDC' },
  { name: 'Salesforce Integration', key: 'PID_Salesforce_Integration' },
];

const full = (object: string): ObjectGrant => ({ object, read: true, create: true, edit: true, delete: true });
const readOnly = (object: string): ObjectGrant => ({ object, read: true, create: false, edit: false, delete: false });

export const ADMIN_PROFILE = 'System Administrator';
export const STANDARD_PROFILE = 'Standard User';
export const INTEGRATION_PROFILE = 'Salesforce API Only System Integrations';

const SALES_OBJECTS = ['Lead', 'Contact', 'Account', 'Opportunity', 'Task', 'Event', 'CampaignMember'];

export const PROFILES: readonly ProfileSeed[] = [
  {
    name: ADMIN_PROFILE,
    license: 'Salesforce',
    permissions: [
      'PermissionsApiEnabled',
      'PermissionsViewSetup',
      'PermissionsManageUsers',
      'PermissionsManageProfilesPermissionsets',
      'PermissionsAssignPermissionSets',
      'PermissionsCustomizeApplication',
      'PermissionsViewAllData',
      'PermissionsModifyAllData',
    ],
    objects: [...SALES_OBJECTS, 'Campaign'].map(full),
  },
  {
    name: STANDARD_PROFILE,
    license: 'Salesforce',
    permissions: ['PermissionsApiEnabled'],
    objects: [...SALES_OBJECTS.map(full), readOnly('Campaign')],
  },
  {
    name: INTEGRATION_PROFILE,
    license: 'Salesforce Integration',
    permissions: ['PermissionsApiEnabled', 'PermissionsApiUserOnly', 'PermissionsViewSetup'],
    objects: [],
  },
];

export const INTEGRATION_ADMINISTRATION = {
  name: 'Integration_Administration',
  label: 'Integration Administration',
  permissions: [
    'PermissionsViewSetup',
    'PermissionsManageUsers',
    'PermissionsManageProfilesPermissionsets',
    'PermissionsAssignPermissionSets',
    'PermissionsCustomizeApplication',
  ] satisfies SystemPermission[],
};

/** Inserts one record as the platform (no access checks) and returns its id. */
export type Insert = (object: string, record: Readonly<Record<string, unknown>>) => string;

function grantRecord(parentId: string, grant: ObjectGrant): Record<string, unknown> {
  return {
    ParentId: parentId,
    SobjectType: grant.object,
    PermissionsRead: grant.read,
    PermissionsCreate: grant.create,
    PermissionsEdit: grant.edit,
    PermissionsDelete: grant.delete,
  };
}

const flags = (permissions: readonly SystemPermission[]) => Object.fromEntries(permissions.map((p) => [p, true]));

export interface SeededAccess {
  /** Profile ids by name. */
  readonly profiles: ReadonlyMap<string, string>;
  readonly integrationAdministrationId: string;
}

/** The licences, profiles (each with its own permission set) and the integration's admin permission set. */
export function seedProfiles(insert: Insert, license: (name: LicenseName) => string): SeededAccess {
  const profiles = new Map<string, string>();
  for (const profile of PROFILES) {
    const profileId = insert('Profile', {
      Name: profile.name,
      UserLicenseId: license(profile.license),
      UserType: 'Standard',
      ...flags(profile.permissions),
    });
    profiles.set(profile.name, profileId);
    const setId = insert('PermissionSet', {
      Name: `X00e${profile.name.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 80),
      Label: profile.name,
      IsOwnedByProfile: true,
      ProfileId: profileId,
      ...flags(profile.permissions),
    });
    for (const grant of profile.objects) insert('ObjectPermissions', grantRecord(setId, grant));
  }
  const integrationAdministrationId = insert('PermissionSet', {
    Name: INTEGRATION_ADMINISTRATION.name,
    Label: INTEGRATION_ADMINISTRATION.label,
    Description: 'What the integration user needs to set leadpact up: users, permission sets, custom fields.',
    ...flags(INTEGRATION_ADMINISTRATION.permissions),
  });
  return { profiles, integrationAdministrationId };
}
