import { AssociationStore } from './associations';
import { CallCounter, type CallCounts } from './call-counter';
import { ChangeFeed, type WriteSource } from './change-feed';
import { CrmWrites, type WriteFailure } from './crm-writes';
import { SchemaStore } from './custom-schemas';
import { lastModifiedOf } from './default-properties';
import { Faults } from './faults';
import { mergeRecords } from './merge';
import { ObjectStore, type StoredObject } from './object-store';
import { OwnerStore, type OwnerSeed } from './owners';
import { isStandardType, type SimObjectType } from './property-model';
import { PropertyRegistry } from './property-registry';
import { AppLimits } from './rate-limits';
import { ScopeGrant } from './scopes';
import { SearchIndex } from './search-index';
import { userSource, type SimContext } from './sim-context';
import type { ResolvedOptions } from './sim-options';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookRegistry } from './webhook-registry';

export type SeedRecord = Readonly<Record<string, string | number | boolean | null>>;

export interface SeedData {
  readonly contacts?: readonly SeedRecord[] | undefined;
  readonly companies?: readonly SeedRecord[] | undefined;
  readonly deals?: readonly SeedRecord[] | undefined;
  readonly owners?: readonly OwnerSeed[] | undefined;
}

export interface SeedResult {
  readonly contacts: readonly string[];
  readonly companies: readonly string[];
  readonly deals: readonly string[];
  readonly owners: readonly string[];
}

export interface RecordSnapshot {
  readonly id: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archived: boolean;
}

/** Seed data came from an import, before anyone subscribed to anything. */
const IMPORT: WriteSource = { changeSource: 'IMPORT', sourceId: 'simulator-seed' };

export function snapshot(object: StoredObject): RecordSnapshot {
  return {
    id: object.id,
    properties: Object.fromEntries(object.values),
    createdAt: new Date(object.createdAt).toISOString(),
    updatedAt: new Date(object.updatedAt).toISOString(),
    archived: object.archivedAt !== null,
  };
}

export function describeFailure(failure: WriteFailure | { readonly kind: 'same' }): string {
  switch (failure.kind) {
    case 'invalid':
      return failure.problems.map((p) => `${p.name}: ${p.error} (${p.message})`).join('; ');
    case 'conflict':
      return `${failure.property} ${failure.value} already belongs to ${failure.existingId}`;
    case 'notFound':
      return `no record ${failure.id}`;
    case 'same':
      return 'cannot merge a record with itself';
  }
}

/** All simulator state and the operations the handle and the /__sim surface share. */
export class SimulatorCore {
  readonly ctx: SimContext;
  readonly webhooks = new WebhookRegistry();
  readonly delivery: WebhookDelivery;
  readonly limits: AppLimits;
  readonly faults: Faults;
  readonly counter = new CallCounter();
  /** The private app token's scopes; a reset restores the ones it was started with. */
  readonly grant: ScopeGrant;
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly options: ResolvedOptions) {
    const clock = options.clock;
    this.grant = new ScopeGrant(options.scopes);
    const store = new ObjectStore();
    const registry = new PropertyRegistry(clock);
    const schemas = new SchemaStore();
    const owners = new OwnerStore();
    const feed = new ChangeFeed();
    const settings = { searchLagMs: options.searchLagMs };
    const writes = new CrmWrites({
      store,
      registry,
      feed,
      clock,
      ownerIds: () => owners.activeIds(),
      searchLagMs: () => settings.searchLagMs,
      requiredProperties: (type) => (isStandardType(type) ? [] : (schemas.resolve(type)?.requiredProperties ?? [])),
    });
    this.ctx = {
      credentials: options.credentials,
      clock,
      store,
      searchIndex: new SearchIndex(store),
      registry,
      schemas,
      writes,
      owners,
      associations: new AssociationStore(),
      feed,
      settings,
    };
    this.limits = new AppLimits({
      ratePer10s: options.ratePer10s,
      windowMs: options.rateWindowMs,
      dailyLimit: options.dailyLimit,
      searchPerSecond: options.searchPerSecond,
    });
    this.faults = new Faults(options.randomSeed);
    // A receiver checks a signature's timestamp against its own wall clock: an accelerated record
    // clock would leave a delivery 300,000 ÷ speed real milliseconds before it counted as stale.
    this.delivery = new WebhookDelivery(this.webhooks, options.credentials, () => Date.now(), {
      batchWindowMs: options.webhookBatchWindowMs,
      retryBaseMs: options.webhookRetryBaseMs,
      timeoutMs: options.webhookTimeoutMs,
      maxRetries: options.webhookMaxRetries,
      random: () => this.faults.random(),
    });
    feed.subscribe((change) => this.delivery.onChange(change));
  }

  calls(): CallCounts {
    return {
      total: this.counter.total,
      byRoute: Object.fromEntries(this.counter.byRoute),
      rateLimited: { ...this.counter.rateLimited },
      faultsInjected: this.counter.faultsInjected,
      unauthorized: this.counter.unauthorized,
      missingScopes: this.counter.missingScopes,
      peakWindowCount: this.limits.window.peak,
      windowLimit: this.limits.window.limit,
      windowMs: this.limits.window.windowMs,
      webhooks: { ...this.delivery.stats },
    };
  }

  reset(): void {
    const { store, registry, schemas, owners, associations, settings } = this.ctx;
    for (const part of [
      store,
      registry,
      schemas,
      owners,
      associations,
      this.webhooks,
      this.delivery,
      this.counter,
      this.limits,
      this.grant,
    ])
      part.reset();
    this.faults.clear();
    settings.searchLagMs = this.options.searchLagMs;
  }

  seed(data: SeedData): SeedResult {
    const now = this.ctx.clock();
    return {
      contacts: (data.contacts ?? []).map((record) => this.seedRecord('contacts', record)),
      companies: (data.companies ?? []).map((record) => this.seedRecord('companies', record)),
      deals: (data.deals ?? []).map((record) => this.seedRecord('deals', record)),
      owners: (data.owners ?? []).map((owner) => this.ctx.owners.seed(owner, now).id),
    };
  }

  /** Seeded records may carry their own createdate / lastmodifieddate, to model an old backlog. */
  private seedRecord(type: SimObjectType, record: SeedRecord): string {
    const created = this.ctx.writes.create(type, record, { source: IMPORT, privileged: true, silent: true });
    if (!created.ok) throw new Error(`cannot seed ${type}: ${describeFailure(created.error)}`);
    const object = created.value;
    const createdAt = Date.parse(object.values.get('createdate') ?? '');
    const updatedAt = Date.parse(object.values.get(lastModifiedOf(type)) ?? '');
    if (!Number.isNaN(createdAt)) object.createdAt = createdAt;
    if (!Number.isNaN(updatedAt)) object.updatedAt = updatedAt;
    object.versions = [];
    this.ctx.writes.commit(object, Number.NEGATIVE_INFINITY);
    return object.id;
  }

  records(type: SimObjectType): RecordSnapshot[] {
    return this.ctx.store.list(type).map(snapshot);
  }

  recordsOf(objectType: string): RecordSnapshot[] {
    if (isStandardType(objectType)) return this.records(objectType);
    const schema = this.ctx.schemas.resolve(objectType) ?? this.ctx.schemas.named(objectType);
    return schema === undefined ? [] : this.records(schema.objectTypeId);
  }

  setWebhookTarget(url: string, maxConcurrentRequests = 10): void {
    this.webhooks.setTarget(url, maxConcurrentRequests, this.ctx.clock());
  }

  subscribe(eventType: string, propertyName?: string): void {
    if (this.webhooks.find(eventType, propertyName ?? null) === undefined)
      this.webhooks.add(eventType, propertyName ?? null, true, this.ctx.clock());
  }

  mergeAsUser(primaryId: string, secondaryId: string): RecordSnapshot {
    const merged = mergeRecords(this.ctx, 'contacts', primaryId, secondaryId, userSource(this.options.credentials));
    if (!merged.ok) throw new Error(`cannot merge: ${describeFailure(merged.error)}`);
    return snapshot(merged.value);
  }
}
