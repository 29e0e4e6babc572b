import { SimulatorError } from './behaviours';
import {
  ADMIN_PROFILE,
  INTEGRATION_PROFILE,
  LICENSES,
  seedProfiles,
  STANDARD_PROFILE,
  type Insert,
} from './access/seed';
import { defaultValues } from './derive';
import { insertRecord } from './dml';
import { auditStamp, type Actor, type Org } from './org';
import { SfApiError } from './reply';
import type { Value } from './store';
import { parseRecordBody } from './validation';
import { coerce } from './schema/values';
import { organizationRow } from './schema/organization-object';

/**
 * A new org's people: the integration user the API credentials log in as, a few sales reps (one
 * inactive, as orgs keep departed users), and the lead queue unassigned leads wait in.
 */
const SALES_REPS = [
  { FirstName: 'Avery', LastName: 'Chen', Email: 'avery.chen@example.com', Alias: 'achen', Title: 'Account Executive' },
  {
    FirstName: 'Jordan',
    LastName: 'Patel',
    Email: 'jordan.patel@example.com',
    Alias: 'jpatel',
    Title: 'Account Executive',
  },
  {
    FirstName: 'Sam',
    LastName: 'Rivera',
    Email: 'sam.rivera@example.com',
    Alias: 'srivera',
    Title: 'Sales Development Rep',
  },
  { FirstName: 'Morgan', LastName: 'Lee', Email: 'morgan.lee@example.com', Alias: 'mlee', Title: 'Sales Manager' },
  {
    FirstName: 'Casey',
    LastName: 'Brooks',
    Email: 'casey.brooks@example.com',
    Alias: 'cbrooks',
    Title: 'Former Account Executive',
    IsActive: false,
  },
];

export const LEAD_QUEUE = {
  Name: 'Lead Queue',
  DeveloperName: 'Lead_Queue',
  Type: 'Queue',
  Email: 'leads@example.com',
};

/** Inserts a record as the platform does for its own setup data: read-only fields included, no checks. */
function platformInsert(org: Org, userId: string): Insert {
  return (object, record) => {
    const schema = org.registry.object(object);
    if (schema === undefined) throw new SimulatorError(`unknown object ${object}`);
    const id = org.ids.next(schema.def.keyPrefix);
    const now = auditStamp(org.now());
    org.store.put(
      object,
      {
        ...defaultValues(object, schema.fields),
        ...Object.fromEntries(parseRecordBody(schema, record)),
        Id: id,
        CreatedDate: now,
        CreatedById: userId,
        LastModifiedDate: now,
        LastModifiedById: userId,
        SystemModstamp: now,
      },
      'created',
    );
    return id;
  };
}

/** The admin who set the org up: a System Administrator, as every org has one. */
const ADMIN = {
  FirstName: 'Ada',
  LastName: 'Admin',
  Email: 'admin@example.com',
  Alias: 'aadmin',
  Title: 'Salesforce Administrator',
};

export interface SeededOrg {
  readonly integrationUserId: string;
  readonly adminUserId: string;
}

/**
 * Creates the default users, their profiles and permission sets (access/seed.ts), and the lead
 * queue with the active reps in it.
 */
export function seedDefaults(org: Org, integrationUsername: string): SeededOrg {
  const bootstrap: Actor = { ...org, userId: '' };
  const first = insertRecord(
    bootstrap,
    'User',
    new Map<string, Value>([
      ['Username', integrationUsername],
      ['FirstName', 'Integration'],
      ['LastName', 'User'],
      ['Email', integrationUsername.includes('@') ? integrationUsername : 'integration@example.com'],
      ['Alias', 'integ'],
      ['Title', 'API Integration'],
    ]),
  );
  if (!first.ok)
    throw new SimulatorError(`cannot seed the integration user: ${first.errors.map((e) => e.message).join('; ')}`);
  const userId = first.id;
  const insert = platformInsert(org, userId);
  org.store.put('Organization', organizationRow(org.orgId, auditStamp(org.now()), userId));
  const licenses = new Map(
    LICENSES.map((l) => [
      l.name,
      insert('UserLicense', { Name: l.name, MasterLabel: l.name, LicenseDefinitionKey: l.key, Status: 'Active' }),
    ]),
  );
  const { profiles, integrationAdministrationId } = seedProfiles(insert, (name) => licenses.get(name) ?? '');
  const self = org.store.get('User', userId);
  if (self !== undefined)
    org.store.put('User', {
      ...self,
      CreatedById: userId,
      LastModifiedById: userId,
      ProfileId: profiles.get(INTEGRATION_PROFILE) ?? null,
    });
  insert('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: integrationAdministrationId });
  const actor: Actor = { ...org, userId };
  const domain = integrationUsername.split('@')[1] ?? 'example.com';
  const repIds = SALES_REPS.flatMap((rep) =>
    seedRecords(actor, 'User', [
      { ...rep, Username: `${rep.Alias}@${domain}`, ProfileId: profiles.get(STANDARD_PROFILE) },
    ]),
  );
  const [adminUserId = ''] = seedRecords(actor, 'User', [
    { ...ADMIN, Username: `${ADMIN.Alias}@${domain}`, ProfileId: profiles.get(ADMIN_PROFILE) },
  ]);
  const [queueId = ''] = seedRecords(actor, 'Group', [LEAD_QUEUE]);
  SALES_REPS.forEach((rep, i) => {
    if (rep.IsActive !== false) insert('GroupMember', { GroupId: queueId, UserOrGroupId: repIds[i] });
  });
  return { integrationUserId: userId, adminUserId };
}

// Audit fields seeding may set, as "Set Audit Fields upon Record Creation" allows.
const AUDIT_FIELDS = new Set(['createddate', 'lastmodifieddate', 'systemmodstamp', 'createdbyid', 'lastmodifiedbyid']);

/**
 * Inserts records given in the API's JSON form, with the same validation as the API, all or none.
 * Audit fields (CreatedDate, SystemModstamp...) may be set, to seed history.
 */
export function seedRecords(
  actor: Actor,
  object: string,
  records: readonly Readonly<Record<string, unknown>>[],
): string[] {
  const schema = actor.registry.object(object);
  if (schema === undefined) throw new SimulatorError(`unknown object ${object}`);
  return actor.store.transaction(() =>
    records.map((record, index) => {
      const audit = new Map<string, Value>();
      const rest: Record<string, unknown> = {};
      for (const [key, raw] of Object.entries(record)) {
        const field = AUDIT_FIELDS.has(key.toLowerCase()) ? schema.field(key) : undefined;
        const coerced = field === undefined ? undefined : coerce(field, raw);
        if (field !== undefined && coerced?.ok === true) audit.set(field.name, coerced.value);
        else rest[key] = raw;
      }
      // A record is last modified by whoever created it, as on the platform, unless the seed says otherwise.
      const creator = audit.get('CreatedById');
      if (creator !== undefined && !audit.has('LastModifiedById') && schema.field('LastModifiedById') !== undefined)
        audit.set('LastModifiedById', creator);
      let changes: Map<string, Value>;
      try {
        changes = parseRecordBody(schema, rest);
      } catch (error) {
        throw new SimulatorError(
          `record ${index}: ${error instanceof SfApiError ? `${error.errorCode}: ${error.message}` : String(error)}`,
        );
      }
      const outcome = insertRecord(actor, schema.name, changes, audit);
      if (!outcome.ok)
        throw new SimulatorError(
          `record ${index}: ${outcome.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ')}`,
        );
      return outcome.id;
    }),
  );
}
