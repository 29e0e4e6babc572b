import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountRoutes } from './account-routes';
import { associationBatchRoutes } from './association-batch-routes';
import { associationLabelRoutes } from './association-labels';
import { associationRoutes } from './associations-routes';
import { batchRoutes } from './batch-routes';
import type { CallCounts } from './call-counter';
import type { ChangeListener } from './change-feed';
import { controlRoutes } from './control-routes';
import { crmUserActions, type CrmUserActions } from './crm-user';
import type { FaultSettings } from './faults';
import { gdprRoutes } from './gdpr-delete';
import { mergeRoutes } from './merge';
import { objectRoutes } from './objects-routes';
import { ownerRoutes } from './owners';
import { propertyRoutes } from './properties-routes';
import { propertyBatchRoutes } from './property-batch-routes';
import { schemaAssociationRoutes } from './schema-associations';
import { schemaRoutes } from './schemas-routes';
import { searchRoutes } from './search-routes';
import { tokenInfoRoutes } from './token-info-routes';
import { requestListener } from './server';
import type { HubSpotSimulatorCredentials } from './sim-context';
import { Router } from './sim-http';
import { resolveOptions, type HubSpotSimulatorOptions } from './sim-options';
import { SimulatorCore, type RecordSnapshot, type SeedData, type SeedResult } from './simulator-core';
import { webhooksApiRoutes } from './webhooks-api';

export type { CallCounts } from './call-counter';
export type { ChangeEvent, ChangeListener } from './change-feed';
export type { ContactActivity, CrmUserActions } from './crm-user';
export type { FaultSettings } from './faults';
export type { HubSpotSimulatorCredentials } from './sim-context';
export type { HubSpotSimulatorOptions } from './sim-options';
export { ALL_SCOPES as EVERY_SIMULATED_SCOPE } from './scopes';
export type { RecordSnapshot, SeedData, SeedRecord, SeedResult } from './simulator-core';

export interface HubSpotSimulator {
  /** Base URL to pass as the SDK's `basePath` (no trailing slash). */
  readonly url: string;
  readonly credentials: HubSpotSimulatorCredentials;
  /** The private app token's scopes now (`oauth`, which every app holds, included). */
  scopes(): readonly string[];
  /** Changes the token's scopes, as a super admin editing the app's Scopes tab would; reset() restores them. */
  setScopes(scopes: readonly string[]): void;
  calls(): CallCounts;
  /** When the app's rate-limited requests were admitted (epoch ms), to measure how full the window ran. */
  admittedAt(): readonly number[];
  /** Empties every store, subscription, counter and fault and restores the token's scopes; options stay. */
  reset(): void;
  /** Records that existed before the test: no webhooks, changeSource IMPORT. */
  seed(data: SeedData): SeedResult;
  setFaults(faults: FaultSettings): void;
  clearFaults(): void;
  /** Live contacts (not archived, not merged away), for assertions. */
  contacts(): readonly RecordSnapshot[];
  /**
   * Told of every committed change as it commits (property changes, creations, merges…), whoever
   * subscribed to webhooks: to time a change without polling the store. Returns the unsubscribe.
   */
  onChange(listener: ChangeListener): () => void;
  /**
   * Live records of any object type, for assertions: contacts, companies, deals, or a custom object
   * by its objectTypeId, fullyQualifiedName or name. An unknown type has none.
   */
  objects(objectType: string): readonly RecordSnapshot[];
  /** Points the app's webhook settings at a URL (what the webhooks v3 settings API does). */
  setWebhookTarget(url: string, options?: { readonly maxConcurrentRequests?: number }): void;
  /** Adds an active subscription, as the webhooks v3 API or the app settings page would. */
  subscribe(eventType: string, propertyName?: string): void;
  /** Delivers the events gathered so far now; resolves when those first attempts were answered. */
  flushWebhooks(): Promise<void>;
  /** Changes made by a person in HubSpot (changeSource CRM_UI) and by HubSpot's own tracking. */
  readonly user: CrmUserActions;
  setSearchLag(ms: number): void;
  /** Closes the server, its timers and in-flight webhook deliveries. */
  close(): Promise<void>;
}

function router(core: SimulatorCore, user: CrmUserActions): Router {
  const { ctx } = core;
  return new Router()
    .add(controlRoutes(core, user))
    .add(webhooksApiRoutes(ctx, core.webhooks))
    .add([...gdprRoutes(ctx), ...mergeRoutes(ctx), ...searchRoutes(ctx), ...batchRoutes(ctx), ...objectRoutes(ctx)])
    .add([...propertyBatchRoutes(ctx), ...propertyRoutes(ctx), ...ownerRoutes(ctx), ...schemaRoutes(ctx)])
    .add(schemaAssociationRoutes(ctx))
    .add([...associationRoutes(ctx), ...associationBatchRoutes(ctx), ...associationLabelRoutes(ctx)])
    .add(accountRoutes(ctx, core.limits.daily))
    .add(tokenInfoRoutes(ctx, core.grant));
}

/** Every HubSpot API route the simulator serves (its /__sim control surface left out), for conformance checks. */
export function hubSpotSimulatorRoutes(): readonly { readonly method: string; readonly pattern: string }[] {
  const core = new SimulatorCore(resolveOptions({}));
  return router(core, crmUserActions(core))
    .list()
    .filter((route) => route.kind !== 'control')
    .map(({ method, pattern }) => ({ method, pattern }));
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Closes timers, then in-flight deliveries, then every connection and the server. */
function closer(core: SimulatorCore, server: Server): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () => {
    closed ??= (async () => {
      for (const timer of core.timers) clearTimeout(timer);
      core.timers.clear();
      await core.delivery.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return closed;
  };
}

/**
 * A local HubSpot CRM v3: the real REST paths, bodies, headers, limits and signed webhooks, so
 * @hubspot/api-client runs against it unchanged. Also served over HTTP under `/__sim/...`.
 */
export async function startHubSpotSimulator(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
  const resolved = resolveOptions(options);
  const core = new SimulatorCore(resolved);
  const user = crmUserActions(core);
  const server = createServer(
    requestListener({
      router: router(core, user),
      credentials: resolved.credentials,
      grant: core.grant,
      knownCustomType: (type) => core.ctx.schemas.resolve(type) !== undefined,
      limits: core.limits,
      faults: core.faults,
      counter: core.counter,
      clock: resolved.clock,
      timers: core.timers,
    }),
  );
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, resolved.port, resolved.host);
  return {
    url: `http://${resolved.host}:${port}`,
    credentials: resolved.credentials,
    scopes: () => core.grant.scopes(),
    setScopes: (scopes) => core.grant.set(scopes),
    calls: () => core.calls(),
    admittedAt: () => [...core.limits.window.admitted],
    reset: () => core.reset(),
    seed: (data) => core.seed(data),
    setFaults: (faults) => core.faults.set(faults),
    clearFaults: () => core.faults.clear(),
    contacts: () => core.records('contacts'),
    onChange: (listener) => core.ctx.feed.subscribe(listener),
    objects: (objectType) => core.recordsOf(objectType),
    setWebhookTarget: (url, target) => core.setWebhookTarget(url, target?.maxConcurrentRequests),
    subscribe: (eventType, propertyName) => core.subscribe(eventType, propertyName),
    flushWebhooks: () => core.delivery.flush(),
    user,
    setSearchLag: (ms) => {
      core.ctx.settings.searchLagMs = ms;
    },
    close: closer(core, server),
  };
}
