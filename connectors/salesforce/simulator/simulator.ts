import type { Server } from 'node:http';
import { AccessModel } from './access/access-model';
import { ApiUsage, CallCounter, type CallCounts } from './api-usage';
import {
  convertLead,
  mergeRecords,
  SimulatorError,
  type ConvertLeadOptions,
  type ConvertLeadResult,
} from './behaviours';
import { createControl } from './control-routes';
import { FaultInjector, faultsSchema, type SimFaults } from './faults';
import { createFrontServer } from './http-server';
import { IdFactory, normalizeId, to18 } from './schema/ids';
import { revokeEndpoint, tokenEndpoint, type OAuthCredentials } from './oauth';
import type { Actor, Org } from './org';
import { EMPTY_ORG_RULES, OrgRules, type OrgRulesConfig } from './org-rules';
import { ChangeEvents, type PubSubEndpoint } from './pubsub';
import { OutboundDispatcher, outboundConfigSchema, type OutboundConfig, type OutboundStats } from './outbound';
import { QueryCursors } from './query-cursors';
import { reply, type Reply } from './reply';
import { matchRoute, type RouteRequest, type Services } from './router';
import { ROUTES } from './routes';
import { SchemaRegistry } from './schema/registry';
import { LEAD_QUEUE, seedDefaults, seedRecords } from './seed';
import { SessionStore } from './sessions';
import { RecordStore } from './store';
import { ToolingStore } from './tooling-store';
import type {
  CommittedChange,
  SalesforceSimulator,
  SalesforceSimulatorOptions,
  SeedOptions,
  SimulatorCredentials,
} from './types';
import { toApiValue } from './schema/values';
import { apiVersions } from './versions';

const DEFAULT_ORG_ID = to18('00D5g000001LPct');
const DEFAULT_LIMIT = 100_000;
const DEFAULT_SESSION_TTL_MS = 2 * 60 * 60_000;

function resolveCredentials(options: SalesforceSimulatorOptions): OAuthCredentials {
  const orgId = normalizeId(options.orgId ?? DEFAULT_ORG_ID);
  if (orgId?.startsWith('00D') !== true)
    throw new SimulatorError(`orgId must be a Salesforce org id (00D…), got ${options.orgId ?? ''}`);
  const given = options.credentials ?? {};
  return {
    orgId,
    clientId: given.clientId ?? '3MVG9leadpact.simulator.consumer.key',
    clientSecret: given.clientSecret ?? 'leadpact-simulator-consumer-secret',
    username: given.username ?? 'integration@leadpact.sim',
    password: given.password ?? 'leadpact-sim-password',
    securityToken: given.securityToken ?? 'SIMSECURITYTOKEN',
    jwtCertificatePem: given.jwtCertificatePem,
  };
}

export class Simulator implements SalesforceSimulator {
  readonly apiVersion: string;
  private readonly org: Org;
  private readonly oauth: OAuthCredentials;
  private readonly sessions: SessionStore;
  private readonly usage: ApiUsage;
  private readonly counter = new CallCounter();
  private readonly faults: FaultInjector;
  private readonly cursors: QueryCursors;
  private readonly tooling: ToolingStore;
  private readonly outbound: OutboundDispatcher;
  private readonly changeEvents: ChangeEvents | undefined;
  private readonly server: Server;
  private integrationUserId = '';
  private adminUserId = '';
  /** The session outbound messages send while it lives, as one user's session serves many messages. */
  private outboundSession: string | undefined;
  private baseUrl = '';

  constructor(private readonly options: SalesforceSimulatorOptions) {
    const now = options.clock ?? Date.now;
    this.apiVersion = options.apiVersion ?? '62.0';
    this.oauth = resolveCredentials(options);
    const ids = new IdFactory();
    const registry = new SchemaRegistry();
    const store = new RecordStore(now, options.queryLagMs ?? 0);
    const permissions = new AccessModel(store, options.access ?? 'enforced');
    const orgRules = new OrgRules(options.orgRules);
    this.org = { orgId: this.oauth.orgId, registry, store, ids, now, permissions, orgRules };
    this.sessions = new SessionStore(this.oauth.orgId, now, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
    this.usage = new ApiUsage(options.dailyApiLimit ?? DEFAULT_LIMIT, now);
    this.faults = new FaultInjector(options.randomSeed ?? 42);
    this.cursors = new QueryCursors(ids, now);
    this.tooling = new ToolingStore(
      registry,
      ids,
      now,
      () => this.outbound.definitions(),
      () => this.org.orgRules?.tooling(),
    );
    this.outbound = new OutboundDispatcher({
      orgId: this.oauth.orgId,
      apiVersion: this.apiVersion,
      baseUrl: () => this.baseUrl,
      registry,
      store: this.org.store,
      ids,
      sessionOf: (userId) => this.sessionToSend(userId ?? this.integrationUserId),
    });
    this.changeEvents =
      options.changeEvents === undefined
        ? undefined
        : new ChangeEvents(
            {
              orgId: this.oauth.orgId,
              apiVersion: this.apiVersion,
              registry,
              store: this.org.store,
              now,
              instanceHost: () => new URL(this.baseUrl).host,
              userOf: (token) => this.sessions.user(token),
              members: () =>
                this.org.store.rows('PlatformEventChannelMember').map((m) => ({
                  channel: String(m['EventChannel']),
                  event: String(m['SelectedEntity']),
                })),
            },
            options.changeEvents,
          );
    this.server = this.createServer();
    this.reset();
  }

  get url(): string {
    return this.baseUrl;
  }

  get credentials(): SimulatorCredentials {
    const { orgId, clientId, clientSecret, username, password, securityToken, jwtCertificatePem } = this.oauth;
    return {
      orgId,
      loginUrl: this.baseUrl,
      clientId,
      clientSecret,
      username,
      password,
      securityToken,
      jwtCertificatePem,
    };
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string')
      throw new SimulatorError('the simulator is not listening on a TCP port');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.baseUrl = `http://${host}:${address.port}`;
    await this.changeEvents?.listen(address.address);
  }

  /** The org's Pub/Sub API endpoint, when it was started with changeEvents. */
  get pubsub(): PubSubEndpoint | undefined {
    return this.changeEvents;
  }

  /** A session as a user's login would give one: the integration user's unless another is named. */
  mintAccessToken(userId: string = this.integrationUserId): string {
    return this.sessions.mint(userId);
  }

  mintRefreshToken(): string {
    return this.sessions.mintRefresh(this.integrationUserId);
  }

  calls(): CallCounts {
    return this.counter.snapshot();
  }

  reset(): void {
    this.outbound.configure(undefined);
    this.org.store.clear();
    this.changeEvents?.reset();
    this.org.registry.reset();
    this.org.ids.reset();
    this.cursors.clear();
    this.tooling.clear();
    this.usage.reset();
    this.counter.reset();
    this.faults.set(this.options.faults === undefined ? {} : faultsSchema.parse(this.options.faults));
    this.org.permissions.invalidate();
    ({ integrationUserId: this.integrationUserId, adminUserId: this.adminUserId } = seedDefaults(
      this.org,
      this.oauth.username,
    ));
    this.org.orgRules?.restore();
    this.org.orgRules?.install(this.org);
    this.outbound.configure(
      this.options.outbound === undefined ? undefined : this.outboundConfig(this.options.outbound),
    );
  }

  seed(object: string, records: readonly Readonly<Record<string, unknown>>[], options: SeedOptions = {}): string[] {
    const run = () => seedRecords(this.actor(), object, records);
    const quiet = () => this.changeEvents?.capture.silently(run) ?? run();
    return options.notify === true ? run() : this.outbound.silently(quiet);
  }

  convertLead(id: string, options: ConvertLeadOptions = {}): ConvertLeadResult {
    return convertLead(this.actor(options.asUser), id, options);
  }

  merge(masterId: string, duplicateIds: readonly string[]): void {
    mergeRecords(this.actor(), masterId, duplicateIds);
  }

  orgRules(): OrgRulesConfig {
    return this.org.orgRules?.current() ?? EMPTY_ORG_RULES;
  }

  setOrgRules(change: Partial<OrgRulesConfig>): void {
    this.org.orgRules?.update(this.org, change);
  }

  setFaults(faults: SimFaults): void {
    this.faults.set(faultsSchema.parse(faults));
  }

  setOutbound(config: OutboundConfig | null): void {
    this.outbound.configure(config === null ? undefined : this.outboundConfig(config));
  }

  outboundStats(): OutboundStats {
    return this.outbound.stats();
  }

  expireSessions(): void {
    this.sessions.expireAll();
  }

  records(object: string): readonly Readonly<Record<string, unknown>>[] {
    const schema = this.schemaOf(object);
    return this.org.store
      .rows(schema.name)
      .map((row) => Object.fromEntries(schema.fields.map((f) => [f.name, toApiValue(f, row[f.name])])));
  }

  onCommit(listener: (changes: readonly CommittedChange[]) => void): () => void {
    return this.org.store.onCommit((events) =>
      listener(
        events.map((event) => {
          const schema = this.schemaOf(event.object);
          const row = this.org.store.get(schema.name, event.id);
          const record =
            row === undefined ? {} : Object.fromEntries(schema.fields.map((f) => [f.name, toApiValue(f, row[f.name])]));
          return { ...event, record };
        }),
      ),
    );
  }

  private schemaOf(object: string) {
    const schema = this.org.registry.object(object);
    if (schema === undefined) throw new SimulatorError(`unknown object ${object}`);
    return schema;
  }

  defaults(): { integrationUserId: string; adminUserId: string; userIds: string[]; leadQueueId: string } {
    const userIds = this.org.store.rows('User').map((row) => String(row['Id']));
    const queue = this.org.store.rows('Group').find((row) => row['DeveloperName'] === LEAD_QUEUE.DeveloperName);
    return {
      integrationUserId: this.integrationUserId,
      adminUserId: this.adminUserId,
      userIds,
      leadQueueId: String(queue?.['Id'] ?? ''),
    };
  }

  async close(): Promise<void> {
    this.outbound.stop();
    await this.changeEvents?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private actor(userId: string = this.integrationUserId): Actor {
    return { ...this.org, userId };
  }

  private services(): Services {
    return {
      cursors: this.cursors,
      tooling: this.tooling,
      dispatch: (actor, request) => this.dispatch(actor, request),
      limits: () => ({
        DailyApiRequests: { Max: this.usage.allocation, Remaining: this.usage.allocation - this.usage.used() },
      }),
    };
  }

  private dispatch(actor: Actor, request: RouteRequest): Reply {
    const match = matchRoute(ROUTES, request.method, request.path);
    if (match === undefined)
      return reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    return match.route.handler({ actor, services: this.services(), req: request, params: match.params });
  }

  private special(method: string, path: string, body: Buffer): Reply | undefined {
    const form = new URLSearchParams(body.toString('utf8'));
    if (method === 'POST' && path === '/services/oauth2/token') {
      return tokenEndpoint(
        {
          credentials: this.oauth,
          sessions: this.sessions,
          baseUrl: () => this.baseUrl,
          now: this.org.now,
          userByUsername: (u) => this.userByUsername(u),
        },
        form,
      );
    }
    if (method === 'POST' && path === '/services/oauth2/revoke') return revokeEndpoint(this.sessions, form);
    if (method === 'GET' && path === '/services/data') return reply(200, apiVersions(this.apiVersion));
    return undefined;
  }

  /** As Setup requires, the "User to send as" is an active user of the org. */
  private outboundConfig(given: OutboundConfig): OutboundConfig {
    const config = outboundConfigSchema.parse(given);
    const sendAs = config.sendAs === undefined ? undefined : normalizeId(config.sendAs);
    if (config.sendAs !== undefined && this.org.store.get('User', sendAs ?? '')?.['IsActive'] !== true)
      throw new SimulatorError(`sendAs must be an active User id, got ${config.sendAs}`);
    return sendAs === undefined ? config : { ...config, sendAs };
  }

  private sessionToSend(userId: string): string {
    if (this.outboundSession === undefined || this.sessions.user(this.outboundSession) !== userId)
      this.outboundSession = this.sessions.mint(userId);
    return this.outboundSession;
  }

  private userByUsername(username: string): string | undefined {
    const row = this.org.store
      .rows('User')
      .find((u) => String(u['Username']).toLowerCase() === username.toLowerCase() && u['IsActive'] === true);
    return row === undefined ? undefined : String(row['Id']);
  }

  private createServer(): Server {
    return createFrontServer({
      org: this.org,
      routes: ROUTES,
      services: this.services(),
      sessions: this.sessions,
      usage: this.usage,
      counter: this.counter,
      faults: this.faults,
      maxVersion: Number(this.apiVersion),
      special: (method, path, body) => this.special(method, path, body),
      control: createControl(this),
    });
  }
}
