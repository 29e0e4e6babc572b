import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts';
import type { Logger } from 'pino';
import { readPortalId } from './account-details';
import { CallObservers } from '../../src/shared/crm-calls';
import type { ApiUsage, ChangeCursor, ChangePage, ProvisionReport, WriteOutcome } from '../../src/shared/crm-port';
import { ConfigError } from '../../src/shared/errors';
import type { HubSpotContactId } from '../../src/shared/ids';
import { silentLogger } from '../../src/shared/logger';
import { batchOutcomes } from './batch-outcomes';
import { readChangesSince, toContact, type ChangeOperator, type ChangeQuery } from './change-reader';
import { classifyHubSpotFailure } from './classify-failure';
import { objectTypeIds, provisionObjectSchema, upsertObjectChunk } from './custom-objects';
import { createHubSpotClient, type RateLimitReport } from './hubspot-client';
import type { HubSpotContact, HubSpotContactUpdate, HubSpotPort, HubSpotProvisionSpec } from './hubspot-port';
import { batchResultSchema, searchPageSchema } from './hubspot-responses.schema';
import { provisionHubSpot, type Call } from './provision';
import { createRateLimiter, type RateLimiter } from './rate-limiter';

export interface HubSpotConnectorOptions {
  readonly accessToken: string;
  /** https://api.hubapi.com, or a simulator's URL. */
  readonly baseUrl: string;
  /** The app's limit per rolling window (100 Free/Starter, 190 Professional/Enterprise). */
  readonly ratePer10s?: number;
  /** The window's length; only a simulator with a compressed window needs anything but 10,000. */
  readonly rateWindowMs?: number;
  /** A limiter shared with other users of the same app's budget; built from ratePer10s otherwise. */
  readonly limiter?: RateLimiter;
  /** CRM search: 5 requests per second per account. */
  readonly searchPerSecond?: number;
  /** The webhooks v3 API (provisioning subscriptions) takes the developer API key. */
  readonly developerApiKey?: string;
  readonly logger?: Logger;
  readonly timeoutMs?: number;
  /** Changes younger than this are left for the next read: the search index lags writes. Default 30 s. */
  readonly searchSettleMs?: number;
  /** The custom object campaign metrics go to, as the caller provisioned it; absent: they are refused. */
  readonly campaignMetricsObject?: string;
  readonly clock?: () => number;
}

export interface EmailUpsert {
  readonly email: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface HubSpotConnector extends HubSpotPort {
  /** The limiter pacing this connector; ask it how much budget is left. */
  readonly limiter: RateLimiter;
  /** Creates or updates contacts by email (batch upsert, 100 a call); one outcome per input. */
  upsertContactsByEmail(inputs: readonly EmailUpsert[]): Promise<readonly WriteOutcome<HubSpotContactId>[]>;
  /** Releases kept-alive sockets. */
  close(): void;
}

/** https://developers.hubspot.com/docs/guides/api/crm/objects: batch endpoints take 100 inputs. */
const BATCH_MAX = 100;
const DEFAULT_READ = ['lastmodifieddate', 'hs_object_id'];

interface CallPolicy {
  readonly limiter: RateLimiter;
  readonly searchLimiter: RateLimiter;
  readonly clock: () => number;
  readonly log: Logger;
  readonly windowMs: number;
  readonly counted: () => void;
  readonly observers: CallObservers;
}

/**
 * Every SDK call goes through here: paced by the limiter (search by its own), failures classified.
 * A call is made once: the jobs and relays own retries and back-off, so a failure is never tried
 * again both here and there. A 429 still pauses every caller of the limiter for Retry-After, so
 * other calls sharing the budget do not collect 429s of their own meanwhile.
 */
function pacedCall(policy: CallPolicy): Call {
  return async (name, run, callOptions) => {
    const gate =
      callOptions?.limited === false ? undefined : name.startsWith('search') ? policy.searchLimiter : policy.limiter;
    const release = await gate?.acquire();
    policy.counted();
    try {
      const result = await run();
      policy.observers.notify({ crm: 'hubspot', operation: name, outcome: 'ok', requests: 1 });
      return result;
    } catch (failure) {
      const error = classifyHubSpotFailure(failure, policy.clock(), name);
      policy.observers.notify({ crm: 'hubspot', operation: name, outcome: error.code, requests: 1 });
      policy.log.warn({ err: error, call: name }, 'HubSpot call failed');
      if (error.code === 'CRM_RATE_LIMITED') (gate ?? policy.limiter).pauseFor(error.retryAfterMs ?? policy.windowMs);
      throw error;
    } finally {
      release?.();
    }
  };
}

function searchContacts(client: Client, call: Call) {
  return (query: ChangeQuery, properties: readonly string[]) =>
    call('search.contacts', async () =>
      searchPageSchema.parse(
        await client.crm.contacts.searchApi.doSearch({
          filterGroups: [
            {
              filters: query.filters.map((f) => ({
                propertyName: f.propertyName,
                operator: OPERATORS[f.operator],
                value: f.value,
              })),
            },
          ],
          sorts: [query.sortBy],
          properties: [...new Set([...properties, ...DEFAULT_READ])],
          limit: query.limit,
          after: '0',
        }),
      ),
    );
}

function usageFrom(calls: number, report: RateLimitReport | undefined): ApiUsage {
  return {
    calls,
    dailyUsed:
      report?.daily !== undefined && report.dailyRemaining !== undefined ? report.daily - report.dailyRemaining : null,
    dailyLimit: report?.daily ?? null,
    windowRemaining: report?.remaining ?? null,
    windowLimit: report?.max ?? null,
  };
}

export function createHubSpotConnector(options: HubSpotConnectorOptions): HubSpotConnector {
  const clock = options.clock ?? Date.now;
  const windowMs = options.rateWindowMs ?? 10_000;
  const limiter = options.limiter ?? createRateLimiter({ limit: options.ratePer10s ?? 100, windowMs, clock });
  const searchLimiter = createRateLimiter({
    limit: options.searchPerSecond ?? 5,
    windowMs: 1_000,
    reserveRatio: 0,
    padMs: 100,
    clock,
  });
  const state: { calls: number; report: RateLimitReport | undefined } = { calls: 0, report: undefined };
  const observers = new CallObservers();
  const handle = createHubSpotClient({
    accessToken: options.accessToken,
    baseUrl: options.baseUrl,
    developerApiKey: options.developerApiKey,
    timeoutMs: options.timeoutMs ?? 30_000,
    onRateLimitReport: (report) => {
      state.report = report;
      if (report.remaining !== undefined) limiter.observe(report.remaining);
    },
  });
  const { client } = handle;
  const log = (options.logger ?? silentLogger()).child({ module: 'hubspot-connector', crm: 'hubspot' });
  const call = pacedCall({
    limiter,
    searchLimiter,
    clock,
    log,
    windowMs,
    counted: () => state.calls++,
    observers,
  });
  const search = searchContacts(client, call);
  const types = objectTypeIds(client, call);
  const campaignObject = (): string => {
    if (options.campaignMetricsObject !== undefined) return options.campaignMetricsObject;
    throw new ConfigError('CONFIG_INVALID', 'HubSpot connector', [
      { path: 'campaignMetricsObject', message: 'campaign metrics need the custom object they go to' },
    ]);
  };
  return {
    limiter,
    updateContacts: (updates) => inChunks(updates, (chunk) => updateChunk(client, call, chunk)),
    upsertContactsByEmail: (inputs) => inChunks(inputs, (chunk) => upsertChunk(client, call, chunk)),
    readContacts: async (ids, properties) => {
      // Ids merged into one record come back as that record, once.
      const found = (await inChunks(ids, (chunk) => readChunk(client, call, chunk, properties))).flat();
      return [...new Map(found.map((contact) => [contact.id, contact])).values()];
    },
    async readChanges(
      cursor: ChangeCursor,
      properties: readonly string[],
      limit: number,
    ): Promise<ChangePage<HubSpotContact>> {
      const settle = options.searchSettleMs ?? 30_000;
      const page = await readChangesSince(
        (query) => search(query, properties),
        cursor,
        limit,
        settle > 0 ? clock() - settle : undefined,
      );
      return { ...page, records: page.records.map(toContact) };
    },
    async provision(spec: HubSpotProvisionSpec): Promise<ProvisionReport> {
      if (spec.webhooks !== undefined && options.developerApiKey === undefined) {
        throw new ConfigError('CONFIG_INVALID', 'HubSpot connector', [
          {
            path: 'developerApiKey',
            message: 'the webhooks v3 API needs the developer API key to manage subscriptions',
          },
        ]);
      }
      return provisionHubSpot(client, call, spec);
    },
    async provisionObjectSchema(spec) {
      const { report, objectTypeId } = await provisionObjectSchema(client, call, spec);
      types.remember(spec.name, objectTypeId);
      return report;
    },
    async upsertCampaignMetrics(records) {
      if (records.length === 0) return [];
      const objectTypeId = await types.get(campaignObject());
      return inChunks(records, (chunk) => upsertObjectChunk(client, call, objectTypeId, chunk));
    },
    portalId: () => readPortalId(client, call),
    usage: () => usageFrom(state.calls, state.report),
    observeCalls: (observer) => observers.add(observer),
    close: () => handle.close(),
  };
}

type Client = ReturnType<typeof createHubSpotClient>['client'];

async function inChunks<I, O>(items: readonly I[], run: (chunk: readonly I[]) => Promise<readonly O[]>): Promise<O[]> {
  const out: O[] = [];
  for (let i = 0; i < items.length; i += BATCH_MAX) out.push(...(await run(items.slice(i, i + BATCH_MAX))));
  return out;
}

/** Several updates of one contact in a batch would be refused (duplicate ids): they are merged, later wins. */
async function updateChunk(
  client: Client,
  call: Call,
  updates: readonly HubSpotContactUpdate[],
): Promise<WriteOutcome<HubSpotContactId>[]> {
  const merged = new Map<string, Record<string, string>>();
  for (const update of updates) merged.set(update.id, { ...merged.get(update.id), ...update.properties });
  const ids = [...merged.keys()];
  const inputs = ids.map((id, index) => ({ id, properties: merged.get(id) ?? {}, objectWriteTraceId: String(index) }));
  const answer = await call('batch.update', async () =>
    batchResultSchema.parse(await client.crm.contacts.batchApi.update({ inputs })),
  );
  const outcomes = batchOutcomes(
    inputs.map((input) => ({ traceId: input.objectWriteTraceId, key: input.id })),
    answer,
    () => false,
  );
  return updates.map((update) => outcomes[ids.indexOf(update.id)] ?? missingOutcome());
}

async function upsertChunk(
  client: Client,
  call: Call,
  upserts: readonly EmailUpsert[],
): Promise<WriteOutcome<HubSpotContactId>[]> {
  const merged = new Map<string, Record<string, string>>();
  for (const upsert of upserts)
    merged.set(upsert.email.toLowerCase(), { ...merged.get(upsert.email.toLowerCase()), ...upsert.properties });
  const emails = [...merged.keys()];
  const inputs = emails.map((email, index) => ({
    id: email,
    idProperty: 'email',
    properties: merged.get(email) ?? {},
    objectWriteTraceId: String(index),
  }));
  const answer = await call('batch.upsert', async () =>
    batchResultSchema.parse(await client.crm.contacts.batchApi.upsert({ inputs })),
  );
  const outcomes = batchOutcomes(
    inputs.map((input) => ({ traceId: input.objectWriteTraceId, key: input.id })),
    answer,
    (result) => result._new === true,
  );
  return upserts.map((upsert) => outcomes[emails.indexOf(upsert.email.toLowerCase())] ?? missingOutcome());
}

async function readChunk(
  client: Client,
  call: Call,
  ids: readonly HubSpotContactId[],
  properties: readonly string[],
): Promise<HubSpotContact[]> {
  const inputs = [...new Set(ids)].map((id) => ({ id }));
  const read = { inputs, properties: [...new Set([...properties, ...DEFAULT_READ])], propertiesWithHistory: [] };
  const answer = await call('batch.read', async () =>
    batchResultSchema.parse(await client.crm.contacts.batchApi.read(read)),
  );
  return answer.results.filter((record) => !record.archived).map(toContact);
}

function missingOutcome(): WriteOutcome<HubSpotContactId> {
  return {
    ok: false,
    code: 'UNCONFIRMED',
    message: 'No outcome was recorded for this input.',
    fields: [],
    retryable: true,
  };
}

const OPERATORS: Readonly<Record<ChangeOperator, FilterOperatorEnum>> = {
  EQ: FilterOperatorEnum.Eq,
  GT: FilterOperatorEnum.Gt,
  GTE: FilterOperatorEnum.Gte,
  LTE: FilterOperatorEnum.Lte,
};
