import { z } from 'zod';
import type { ProvisionReport } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import { chunk, queryAllPages, type QueryRecord } from './record-reads';
import { MAX_BATCH } from './record-writes';
import {
  manualAccessInstructions,
  objectWords,
  type AccessPlan,
  type FieldGrant,
  type ObjectGrant,
  type PermissionSetPlan,
} from './provision-access';
import { SalesforceHttp } from './salesforce-http';
import { queryResultSchema, saveResultsSchema, toolingFieldIdsSchema, type SaveResult } from './salesforce.schema';
import { soqlList } from './soql-text';

/**
 * Carries out an access plan (provision-access.ts) through the REST API, as an admin would in
 * Setup: the permission sets, their ObjectPermissions and FieldPermissions, the assignments. It
 * only ever adds: a grant someone else added stays, a missing one is created, a weaker one raised.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm
 */

export interface AccessReport extends ProvisionReport {
  /** Who holds the Sales permission set (user names), newly or already. */
  readonly salesUsers: readonly string[];
  /** Custom fields the plan names that exist in no object (a mapping naming a field the org lacks). */
  readonly notFound: readonly string[];
}

interface Report {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
}

type Row = Record<string, unknown>;

const OPERATION = 'provision access';
/** Refusals that mean the integration user may not manage permission sets (or read them). */
const NO_RIGHTS = new Set(['CRM_FORBIDDEN', 'SALESFORCE_ACCESS_MISSING']);
const USER_PREFIX = '005';

async function query(http: SalesforceHttp, soql: string): Promise<QueryRecord[]> {
  const first = await http.send(OPERATION, queryResultSchema, {
    method: 'GET',
    url: `/query?q=${encodeURIComponent(soql)}`,
  });
  return queryAllPages(http, OPERATION, first);
}

function failure(results: readonly SaveResult[]): string | undefined {
  const failed = results.find((r) => !r.success);
  const [error] = failed?.errors ?? [];
  return error === undefined ? undefined : `${error.statusCode}: ${error.message}`;
}

async function save(http: SalesforceHttp, method: 'POST' | 'PATCH', type: string, records: readonly Row[]) {
  for (const part of chunk(records, MAX_BATCH)) {
    const results = await http.send(
      OPERATION,
      saveResultsSchema,
      SalesforceHttp.json(method, '/composite/sobjects', {
        allOrNone: true,
        records: part.map((record) => ({ attributes: { type }, ...record })),
      }),
    );
    const problem = failure(results);
    if (problem !== undefined) {
      const code = problem.startsWith('INSUFFICIENT_ACCESS') ? 'CRM_FORBIDDEN' : 'CRM_REJECTED';
      throw new CrmError('salesforce', code, `Salesforce refused ${type} records: ${problem}`);
    }
  }
}

async function permissionSets(http: SalesforceHttp, plans: readonly PermissionSetPlan[], report: Report) {
  const names = plans.map((plan) => plan.name);
  const rows = await query(http, `SELECT Id, Name FROM PermissionSet WHERE Name IN ${soqlList(names)}`);
  const ids = new Map(rows.map((row) => [String(row['Name']).toLowerCase(), row.Id]));
  const missing = plans.filter((plan) => !ids.has(plan.name.toLowerCase()));
  if (missing.length > 0) {
    await save(
      http,
      'POST',
      'PermissionSet',
      missing.map((plan) => ({ Name: plan.name, Label: plan.label, Description: plan.description })),
    );
    const created = await query(http, `SELECT Id, Name FROM PermissionSet WHERE Name IN ${soqlList(names)}`);
    for (const row of created) ids.set(String(row['Name']).toLowerCase(), row.Id);
  }
  for (const plan of plans)
    (missing.includes(plan) ? report.created : report.unchanged).push(`permission set "${plan.label}"`);
  return new Map(plans.map((plan) => [plan, ids.get(plan.name.toLowerCase()) ?? '']));
}

const objectFlags = (grant: ObjectGrant) => ({
  PermissionsRead: true,
  PermissionsCreate: grant.create,
  PermissionsEdit: grant.edit,
});
const fieldFlags = (grant: FieldGrant) => ({ PermissionsRead: true, PermissionsEdit: grant.level === 'edit' });

/** What each wanted permission record lacks: created when absent, raised (never lowered) when weaker. */
/** Which grants one pass writes: the object permissions or not, and which field permissions. */
interface Pass {
  readonly objects: boolean;
  readonly fields: (grant: FieldGrant) => boolean;
}

async function grantAll(
  http: SalesforceHttp,
  sets: ReadonlyMap<PermissionSetPlan, string>,
  pass: Pass,
  report: Report,
) {
  const parents = soqlList([...sets.values()]);
  const objectRows = await query(
    http,
    `SELECT Id, ParentId, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit FROM ObjectPermissions WHERE ParentId IN ${parents}`,
  );
  const fieldRows = await query(
    http,
    `SELECT Id, ParentId, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId IN ${parents}`,
  );
  const creates: { type: string; record: Row }[] = [];
  const updates: { type: string; record: Row }[] = [];
  const wanted = (
    type: string,
    label: string,
    existing: QueryRecord | undefined,
    flags: Record<string, boolean>,
    keys: Row,
  ) => {
    const raise = Object.fromEntries(Object.entries(flags).filter(([name, on]) => on && existing?.[name] !== true));
    if (existing === undefined) {
      creates.push({ type, record: { ...keys, ...flags } });
      report.created.push(label);
    } else if (Object.keys(raise).length > 0) {
      updates.push({ type, record: { id: existing.Id, ...raise } });
      report.updated.push(label);
    } else report.unchanged.push(label);
  };
  for (const [plan, parentId] of sets) {
    for (const grant of pass.objects ? plan.objects : []) {
      const existing = objectRows.find(
        (r) => r['ParentId'] === parentId && String(r['SobjectType']).toLowerCase() === grant.object.toLowerCase(),
      );
      wanted(
        'ObjectPermissions',
        `"${plan.label}": ${objectWords(grant)} on ${grant.object} records`,
        existing,
        objectFlags(grant),
        {
          ParentId: parentId,
          SobjectType: grant.object,
        },
      );
    }
    for (const grant of plan.fields.filter(pass.fields)) {
      const field = `${grant.object}.${grant.field}`;
      const existing = fieldRows.find(
        (r) => r['ParentId'] === parentId && String(r['Field']).toLowerCase() === field.toLowerCase(),
      );
      wanted(
        'FieldPermissions',
        `"${plan.label}": ${grant.level === 'edit' ? 'Read and Edit' : 'Read'} on ${field}`,
        existing,
        fieldFlags(grant),
        {
          ParentId: parentId,
          SobjectType: grant.object,
          Field: field,
        },
      );
    }
  }
  for (const type of ['ObjectPermissions', 'FieldPermissions']) {
    await save(
      http,
      'POST',
      type,
      creates.filter((c) => c.type === type).map((c) => c.record),
    );
    await save(
      http,
      'PATCH',
      type,
      updates.filter((u) => u.type === type).map((u) => u.record),
    );
  }
}

/** The active users among those named and the members of the queues named. */
async function salesUsers(http: SalesforceHttp, plan: AccessPlan): Promise<QueryRecord[]> {
  const members =
    plan.salesQueues.length === 0
      ? []
      : await query(http, `SELECT Id, UserOrGroupId FROM GroupMember WHERE GroupId IN ${soqlList(plan.salesQueues)}`);
  const ids = [
    ...new Set([
      ...plan.salesUsers,
      ...members.map((m) => String(m['UserOrGroupId'])).filter((id) => id.startsWith(USER_PREFIX)),
    ]),
  ];
  if (ids.length === 0) return [];
  return query(http, `SELECT Id, Name FROM User WHERE IsActive = true AND Id IN ${soqlList(ids)}`);
}

async function assign(
  http: SalesforceHttp,
  wanted: readonly { setId: string; set: PermissionSetPlan; userId: string; userName: string }[],
  report: Report,
) {
  if (wanted.length === 0) return;
  const setIds = soqlList([...new Set(wanted.map((w) => w.setId))]);
  const rows = await query(
    http,
    `SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSetId IN ${setIds}`,
  );
  const held = new Set(rows.map((r) => `${String(r['PermissionSetId'])}|${String(r['AssigneeId']).slice(0, 15)}`));
  const missing = wanted.filter((w) => !held.has(`${w.setId}|${w.userId.slice(0, 15)}`));
  for (const w of wanted)
    (missing.includes(w) ? report.created : report.unchanged).push(`"${w.set.label}" assigned to ${w.userName}`);
  await save(
    http,
    'POST',
    'PermissionSetAssignment',
    missing.map((w) => ({ AssigneeId: w.userId, PermissionSetId: w.setId })),
  );
}

const fieldKey = (grant: FieldGrant): string => `${grant.object}.${grant.field}`.toLowerCase();

/** The custom fields of the plan's objects that exist, from the Tooling API (describe hides what the caller may not see). */
async function existingFields(http: SalesforceHttp, plan: AccessPlan): Promise<Set<string>> {
  const objects = [...new Set([...plan.integration.fields, ...plan.sales.fields].map((grant) => grant.object))];
  if (objects.length === 0) return new Set();
  const soql = `SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId IN ${soqlList(objects)}`;
  const rows = await http.send(OPERATION, toolingFieldIdsSchema, {
    method: 'GET',
    url: `/tooling/query?q=${encodeURIComponent(soql)}`,
  });
  return new Set(rows.records.map((row) => `${row.TableEnumOrId}.${row.DeveloperName}__c`.toLowerCase()));
}

/**
 * Creates or completes the permission sets of the plan and assigns them: "leadpact Integration" to
 * the integration user, "leadpact Sales" to the reps. The objects and the fields that exist are
 * granted first, so that `createFields` may describe them; the fields it creates are granted after.
 * A field the plan names that exists nowhere (a mapping's typo) is reported, not granted. When the
 * integration user may not manage permission sets, the error carries them for an admin to create.
 */
export async function provisionAccess(
  http: SalesforceHttp,
  plan: AccessPlan,
  integrationUserId: string | null,
  createFields: () => Promise<void>,
): Promise<AccessReport> {
  const report: Report = { created: [], updated: [], unchanged: [] };
  try {
    const sets = await permissionSets(http, [plan.integration, plan.sales], report);
    const before = await existingFields(http, plan);
    await grantAll(http, sets, { objects: true, fields: (grant) => before.has(fieldKey(grant)) }, report);
    const reps = await assignAll(http, plan, sets, integrationUserId, report);
    await createFields();
    const after = await existingFields(http, plan);
    const fresh = (grant: FieldGrant) => !before.has(fieldKey(grant)) && after.has(fieldKey(grant));
    await grantAll(http, sets, { objects: false, fields: fresh }, report);
    const notFound = [...plan.integration.fields, ...plan.sales.fields]
      .filter((grant) => !after.has(fieldKey(grant)))
      .map((grant) => `${grant.object}.${grant.field}`);
    return { ...report, salesUsers: reps, notFound: [...new Set(notFound)] };
  } catch (error) {
    if (error instanceof CrmError && NO_RIGHTS.has(error.code))
      throw new CrmError('salesforce', 'CRM_FORBIDDEN', manualAccessInstructions(plan, error.message), {
        cause: error,
      });
    throw error;
  }
}

const userInfoSchema = z.looseObject({ user_id: z.string() });

/**
 * The session's own user, when the grant did not name it (a bare access token): the OpenID
 * Connect UserInfo endpoint answers for whoever holds the session.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm
 */
async function sessionUser(http: SalesforceHttp): Promise<string | null> {
  const info = await http.send(OPERATION, userInfoSchema, { method: 'GET', url: '/services/oauth2/userinfo' });
  return info.user_id;
}

async function assignAll(
  http: SalesforceHttp,
  plan: AccessPlan,
  sets: ReadonlyMap<PermissionSetPlan, string>,
  integrationUserId: string | null,
  report: Report,
): Promise<string[]> {
  const userId = integrationUserId ?? (await sessionUser(http));
  const [integrationUser] =
    userId === null ? [] : await query(http, `SELECT Id, Name FROM User WHERE Id IN ${soqlList([userId])}`);
  const reps = await salesUsers(http, plan);
  const salesSet = sets.get(plan.sales) ?? '';
  await assign(
    http,
    [
      ...(integrationUser === undefined
        ? []
        : [
            {
              setId: sets.get(plan.integration) ?? '',
              set: plan.integration,
              userId: integrationUser.Id,
              userName: String(integrationUser['Name']),
            },
          ]),
      ...reps.map((rep) => ({ setId: salesSet, set: plan.sales, userId: rep.Id, userName: String(rep['Name']) })),
    ],
    report,
  );
  return reps.map((rep) => String(rep['Name']));
}
