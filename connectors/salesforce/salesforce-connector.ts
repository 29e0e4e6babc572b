import type { SalesforceAuth } from '../../src/config/env';
import type { ApiUsage, ChangeCursor, ChangePage, ProvisionReport, WriteOutcome } from '../../src/shared/crm-port';
import type { CrmCallObserver } from '../../src/shared/crm-calls';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { silentLogger, type Logger } from '../../src/shared/logger';
import { changeSoql, pageOfChanges, type ChangeRow } from './change-window';
import { provisionAccess } from './access-provisioning';
import { changeChannelAccess, type ChangeChannelAccess } from './cdc-channel';
import { requiredAccess, type AccessNeeds } from './provision-access';
import { provisionCustomFields } from './field-provisioning';
import { chunk, toRecord } from './record-reads';
import { findCampaignIdsByName, findConversions, findMatches, findRecordTypes } from './record-lookups';
import { apiName, checkBatch, mergeOutcomes } from './record-writes';
import { ruleHeaders, type SalesforceWriteOptions } from './org-rule-headers';
import { AddressCoder } from './country-fields';
import type { FieldValue } from '../../src/shared/crm-port';
import { orgInspection, type SalesforceInspection } from './org-inspection';
import { getDeleted, getUpdated, readIncludingDeleted, type DeletedRecords, type UpdatedRecords } from './replication';
import { openConnection } from './salesforce-auth';
import { SalesforceHttp } from './salesforce-http';
import { sessionChecker } from './session-check';
import type {
  ActiveRecordType,
  AccountMatch,
  LeadConversion,
  PersonMatch,
  SalesforcePort,
  SalesforceProvisionReport,
} from './salesforce-port';
import type { SalesforceRecord } from '../../src/shared/field-specs';
import type { CustomFieldSpec, SalesforceUpdate, SalesforceWrite, SObjectName } from '../../src/shared/field-specs';
import { describeSchema, queryResultSchema, retrieveResultSchema, saveResultsSchema } from './salesforce.schema';

export interface SalesforceConnectorOptions {
  readonly auth: SalesforceAuth;
  readonly loginUrl: string;
  readonly apiVersion: string;
  readonly logger?: Logger;
  /** How long after its SystemModstamp a change may still commit; change reads re-read that window (default 60 s). */
  readonly changeOverlapMs?: number;
  /** Per-request timeout (default 30 s; jsforce's own is 30 minutes). */
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
}

type Outcome = WriteOutcome<SalesforceId>;

const RETRIEVE_CHUNK = 2000;

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

class SalesforceConnector implements SalesforcePort {
  private readonly overlapMs: number;
  private readonly now: () => number;
  private readonly addresses = new AddressCoder(async (object) =>
    (
      await this.http.send('describe', describeSchema, { method: 'GET', url: `/sobjects/${apiName(object)}/describe` })
    ).fields.map((f) => f.name),
  );

  constructor(
    private readonly http: SalesforceHttp,
    private readonly apiVersion: string,
    private readonly log: Logger,
    options: SalesforceConnectorOptions,
    private readonly userId: SalesforceId | null,
    private readonly checkSession: (sessionId: string) => Promise<boolean>,
  ) {
    this.overlapMs = options.changeOverlapMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  integrationUser(): SalesforceId | null {
    return this.userId;
  }

  async upsert(
    object: SObjectName,
    externalIdField: string,
    records: readonly SalesforceWrite[],
    options: SalesforceWriteOptions = {},
  ): Promise<readonly Outcome[]> {
    checkBatch(records.length);
    const field = apiName(externalIdField);
    const outcomes = await this.write('upsert', object, records, options, {
      method: 'PATCH',
      url: `/composite/sobjects/${apiName(object)}/${field}`,
      created: false,
      check: (fields) =>
        isBlank(fields[field])
          ? {
              ok: false,
              code: 'MISSING_EXTERNAL_ID',
              message: `${field} has no value`,
              fields: [field],
              retryable: false,
            }
          : undefined,
    });
    this.log.debug({ object, records: records.length }, 'salesforce upsert');
    return outcomes;
  }

  async create(
    object: SObjectName,
    records: readonly SalesforceWrite[],
    options: SalesforceWriteOptions = {},
  ): Promise<readonly Outcome[]> {
    checkBatch(records.length);
    return this.write('create', object, records, options, {
      method: 'POST',
      url: '/composite/sobjects',
      created: true,
    });
  }

  /**
   * Updates by Id. An update never makes a new duplicate, so duplicate rules' alerts are acknowledged
   * (allowSave) unless the caller says otherwise: a record that already has a duplicate stays writable.
   */
  async update(
    object: SObjectName,
    records: readonly SalesforceUpdate[],
    options: SalesforceWriteOptions = { allowSave: true },
  ): Promise<readonly Outcome[]> {
    checkBatch(records.length);
    return this.write('update', object, records, options, {
      method: 'PATCH',
      url: '/composite/sobjects',
      created: false,
    });
  }

  /**
   * One sObject Collections write: address fields coded for the org's picklists, records that fail
   * a local check answered without a call, the rest sent with the org-rule headers `options` asks for.
   */
  private async write(
    operation: 'upsert' | 'create' | 'update',
    object: SObjectName,
    records: readonly (SalesforceWrite & { readonly id?: SalesforceId })[],
    options: SalesforceWriteOptions,
    how: {
      readonly method: 'POST' | 'PATCH';
      readonly url: string;
      readonly created: boolean;
      readonly check?: (fields: Readonly<Record<string, FieldValue>>) => Outcome | undefined;
    },
  ): Promise<Outcome[]> {
    if (records.length === 0) return [];
    const coded = await this.addresses.code(
      object,
      records.map((r) => r.fields),
    );
    const local = coded.map((c): Outcome | undefined => ('ok' in c ? c : how.check?.(c.fields)));
    const sendable = records.flatMap((record, i) => {
      const c = coded[i];
      return local[i] === undefined && c !== undefined && !('ok' in c) ? [{ ...record, fields: c.fields }] : [];
    });
    if (sendable.length === 0) return local.filter((o): o is Outcome => o !== undefined);
    const body = {
      allOrNone: false,
      records: sendable.map((r) => ({
        attributes: { type: apiName(object) },
        ...r.fields,
        ...(r.id === undefined ? {} : { id: r.id }),
      })),
    };
    const results = await this.http.send(
      operation,
      saveResultsSchema,
      SalesforceHttp.json(how.method, how.url, body, ruleHeaders(options)),
    );
    return mergeOutcomes(object, local, results, how.created);
  }

  /** POST-based retrieve (sObject Collections), so a 5xx is never silently retried by jsforce. */
  async retrieve(
    object: SObjectName,
    ids: readonly SalesforceId[],
    fields: readonly string[],
  ): Promise<readonly SalesforceRecord[]> {
    const names = [...new Set(['Id', ...fields.map(apiName)])];
    const out: SalesforceRecord[] = [];
    for (const part of chunk(ids, RETRIEVE_CHUNK)) {
      const rows = await this.http.send(
        'retrieve',
        retrieveResultSchema,
        SalesforceHttp.json('POST', `/composite/sobjects/${apiName(object)}`, { ids: part, fields: names }),
      );
      for (const row of rows) {
        const record = row === null ? undefined : toRecord(object, row);
        if (record !== undefined) out.push(record);
      }
    }
    return out;
  }

  isOwnSession(sessionId: string): Promise<boolean> {
    return this.checkSession(sessionId);
  }

  /** Leads and contacts in one Composite call per 200 e-mails: two queries, one API call. */
  async findPeopleByEmail(emails: readonly string[]): Promise<readonly PersonMatch[]> {
    return (await this.findMatches(emails, [])).people;
  }

  async findAccountsByDomain(domains: readonly string[]): Promise<readonly AccountMatch[]> {
    return (await this.findMatches([], domains)).accounts;
  }

  findMatches(
    emails: readonly string[],
    domains: readonly string[],
  ): Promise<{ people: PersonMatch[]; accounts: AccountMatch[] }> {
    return findMatches(this.http, this.apiVersion, emails, domains);
  }

  findConversions(contactIds: readonly SalesforceId[]): Promise<ReadonlyMap<SalesforceId, LeadConversion>> {
    return findConversions(this.http, this.apiVersion, contactIds);
  }

  findCampaignIdsByName(names: readonly string[]): Promise<ReadonlyMap<string, SalesforceId>> {
    return findCampaignIdsByName(this.http, this.apiVersion, names, this.log);
  }

  findRecordTypes(): Promise<readonly ActiveRecordType[]> {
    return findRecordTypes(this.http, this.apiVersion);
  }

  async readChanges(
    object: SObjectName,
    cursor: ChangeCursor,
    fields: readonly string[],
    limit: number,
  ): Promise<ChangePage<SalesforceRecord>> {
    const soql = changeSoql({
      object: apiName(object),
      fields: fields.map(apiName),
      cursor,
      limit,
      hasIsDeleted: object !== 'User',
    });
    const { value, serverTime } = await this.http.sendTimed('readChanges', queryResultSchema, {
      method: 'GET',
      url: `/queryAll?q=${encodeURIComponent(soql)}`,
    });
    const rows: ChangeRow<SalesforceRecord>[] = value.records.flatMap((raw) => {
      const record = toRecord(object, raw);
      const stamp = Date.parse(String(raw['SystemModstamp']).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      return record === undefined || Number.isNaN(stamp) ? [] : [{ id: record.id, stamp, record }];
    });
    return pageOfChanges(rows, cursor, limit, serverTime ?? this.now(), this.overlapMs);
  }

  getUpdated(object: SObjectName, start: number, end: number): Promise<UpdatedRecords> {
    return getUpdated(this.http, object, start, end);
  }

  getDeleted(object: SObjectName, start: number, end: number): Promise<DeletedRecords> {
    return getDeleted(this.http, object, start, end);
  }

  readIncludingDeleted(
    object: SObjectName,
    ids: readonly SalesforceId[],
    fields: readonly string[],
  ): Promise<readonly SalesforceRecord[]> {
    return readIncludingDeleted(this.http, object, ids, fields);
  }

  async provisionFields(
    specs: readonly CustomFieldSpec[],
    needs: AccessNeeds = {},
  ): Promise<SalesforceProvisionReport> {
    let fields: ProvisionReport = { created: [], updated: [], unchanged: [] };
    // The integration user sees an object, and a field, only once its permission set grants them.
    const access = await provisionAccess(this.http, requiredAccess(specs, needs), this.userId, async () => {
      fields = await provisionCustomFields(this.http, this.log, specs);
    });
    this.log.info(
      { created: access.created.length, updated: access.updated.length, unchanged: access.unchanged.length },
      'salesforce access provisioned',
    );
    return { ...fields, access };
  }

  usage(): ApiUsage {
    const stats = this.http.stats();
    return {
      calls: stats.requests,
      dailyUsed: stats.dailyUsed,
      dailyLimit: stats.dailyLimit,
      windowRemaining: null,
      windowLimit: null,
    };
  }

  observeCalls(observer: CrmCallObserver): void {
    this.http.observeCalls(observer);
  }
}

/**
 * A Salesforce port on jsforce, authenticated with one of leadpact's grants. Every failure comes
 * out as a CrmError, classified by `classifySalesforceFailure`.
 */
export async function createSalesforceConnector(
  options: SalesforceConnectorOptions,
): Promise<SalesforcePort & SalesforceConnectorExtras> {
  const log = (options.logger ?? silentLogger()).child({ module: 'salesforce', crm: 'salesforce' });
  const now = options.now ?? Date.now;
  const conn = await openConnection({
    auth: options.auth,
    loginUrl: options.loginUrl.replace(/\/+$/, ''),
    apiVersion: options.apiVersion,
    now,
  });
  log.info({ auth: options.auth.kind, instanceUrl: conn.instanceUrl }, 'salesforce connected');
  conn.on('refresh', () => log.info('salesforce session refreshed'));
  // The OAuth grants name the user (the identity URL's last segment); a bare access token does not.
  const userId = conn.userInfo?.id !== undefined && isSalesforceId(conn.userInfo.id) ? conn.userInfo.id : null;
  const http = new SalesforceHttp(conn, options.requestTimeoutMs ?? 30_000);
  const connector = new SalesforceConnector(
    http,
    options.apiVersion,
    log,
    options,
    userId,
    sessionChecker({
      instanceUrl: () => conn.instanceUrl,
      ownToken: () => conn.accessToken ?? undefined,
      ownOrgId: conn.userInfo?.organizationId ?? null,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      now,
    }),
  );
  return Object.assign(connector, {
    inspection: orgInspection(http),
    changeChannel: changeChannelAccess(http, log),
    // The org's own host (https://acme.my.salesforce.com), for links people open; jsforce follows a refresh.
    instanceUrl: () => conn.instanceUrl,
    pubSubSession: () => ({
      accessToken: conn.accessToken ?? '',
      instanceUrl: conn.instanceUrl,
      // A session id starts with the org's 15-character id ("00D…!…") when the grant named no org.
      orgId: conn.userInfo?.organizationId ?? (conn.accessToken ?? '').split('!')[0] ?? '',
    }),
    // Any authenticated call has jsforce renew an expired session (its refresh hook); the limits are the cheapest.
    refreshSession: async () => {
      await conn.request(`/services/data/v${options.apiVersion}/limits`).catch(() => undefined);
    },
    close: async () => undefined,
  });
}

/** What the connector offers beyond the port: the org inspection, links, and the session for the Pub/Sub API. */
export interface SalesforceConnectorExtras {
  readonly inspection: SalesforceInspection;
  /** leadpact's Change Data Capture channel (Leadpact__chn): read it, or create what it lacks. */
  readonly changeChannel: ChangeChannelAccess;
  instanceUrl(): string;
  /** The session the Pub/Sub API takes (its accesstoken, instanceurl and tenantid headers). */
  pubSubSession(): { accessToken: string; instanceUrl: string; orgId: string };
  /** Renews an expired session, for a Pub/Sub stream refused as UNAUTHENTICATED. */
  refreshSession(): Promise<void>;
  close(): Promise<void>;
}
