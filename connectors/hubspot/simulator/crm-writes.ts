import { err, ok, type Result } from '../../../src/shared/result';
import type { ChangeFeed, WriteSource } from './change-feed';
import { createdOf, lastModifiedOf, LIFECYCLE_STAGES } from './default-properties';
import type { ObjectStore, StoredObject } from './object-store';
import { isStandardType, type SimObjectType } from './property-model';
import type { PropertyRegistry } from './property-registry';
import { checkWrite, type ValueProblem } from './property-values';

export type WriteFailure =
  | { readonly kind: 'invalid'; readonly problems: readonly ValueProblem[] }
  | { readonly kind: 'conflict'; readonly existingId: string; readonly property: string; readonly value: string }
  | { readonly kind: 'notFound'; readonly id: string };

export interface WriteOptions {
  readonly source: WriteSource;
  /** The control surface may set calculated properties (page views, conversions) as HubSpot itself does. */
  readonly privileged?: boolean;
  /** Seed data existed before anyone subscribed: no events. */
  readonly silent?: boolean;
}

export interface CrmWritesDeps {
  readonly store: ObjectStore;
  readonly registry: PropertyRegistry;
  readonly feed: ChangeFeed;
  readonly clock: () => number;
  readonly ownerIds: () => ReadonlySet<string>;
  readonly searchLagMs: () => number;
  /** A custom object's requiredProperties: a record cannot be created without them. */
  readonly requiredProperties: (type: SimObjectType) => readonly string[];
}

const STAGE_ORDER = new Map(LIFECYCLE_STAGES.map(([value], index) => [value, index]));

/** Every create, update and archive goes through here: validation, uniqueness, history, events. */
export class CrmWrites {
  constructor(private readonly deps: CrmWritesDeps) {}

  create(
    type: SimObjectType,
    properties: Readonly<Record<string, unknown>>,
    options: WriteOptions,
  ): Result<StoredObject, WriteFailure> {
    const checked = this.checkCreate(type, properties, options);
    if (!checked.ok) return checked;
    const conflict = this.findConflict(type, checked.value, null);
    if (conflict !== undefined) return err(conflict);
    const now = this.deps.clock();
    const object = blankObject(this.deps.store.allocateId(), type, now);
    this.deps.store.insert(object);
    const values = new Map([...systemDefaults(object, options.source, now), ...checked.value]);
    const changed = this.apply(object, values, options.source, now);
    this.commit(object, now);
    if (options.silent !== true && isStandardType(type)) {
      this.emit({ kind: 'creation', objectType: type, objectId: object.id, occurredAt: now, source: options.source });
      this.emitChanges(object, changed, options.source, now);
    }
    return ok(object);
  }

  update(
    type: SimObjectType,
    id: string,
    properties: Readonly<Record<string, unknown>>,
    options: WriteOptions,
  ): Result<StoredObject, WriteFailure> {
    const object = this.deps.store.resolve(type, id);
    if (object === undefined) return err({ kind: 'notFound', id });
    const checked = this.check(type, properties, options);
    if (!checked.ok) return checked;
    const conflict = this.findConflict(type, checked.value, object.id);
    if (conflict !== undefined) return err(conflict);
    const now = Math.max(this.deps.clock(), object.updatedAt);
    const changed = this.apply(object, checked.value, options.source, now);
    if (changed.length === 0) return ok(object);
    changed.push(
      ...this.apply(object, new Map([[lastModifiedOf(type), new Date(now).toISOString()]]), options.source, now),
    );
    object.updatedAt = now;
    this.commit(object, now);
    if (options.silent !== true) this.emitChanges(object, changed, options.source, now);
    return ok(object);
  }

  archive(type: SimObjectType, id: string, options: WriteOptions): boolean {
    const object = this.deps.store.resolve(type, id);
    if (object === undefined) return false;
    const now = Math.max(this.deps.clock(), object.updatedAt);
    this.releaseUniques(object);
    object.archivedAt = now;
    this.commit(object, now);
    if (options.silent !== true && isStandardType(type))
      this.emit({ kind: 'deletion', objectType: type, objectId: object.id, occurredAt: now, source: options.source });
    return true;
  }

  /** Validates a write; used by batch endpoints to check every input before committing any. */
  check(
    type: SimObjectType,
    properties: Readonly<Record<string, unknown>>,
    options: WriteOptions,
  ): Result<ReadonlyMap<string, string | null>, WriteFailure> {
    const checked = checkWrite(properties, {
      lookup: (name) => this.deps.registry.get(type, name),
      ownerIds: this.deps.ownerIds(),
      allowReadOnly: options.privileged === true,
    });
    return checked.problems.length > 0 ? err({ kind: 'invalid', problems: checked.problems }) : ok(checked.values);
  }

  /** A create's check: the values, and every required property given a value. */
  checkCreate(
    type: SimObjectType,
    properties: Readonly<Record<string, unknown>>,
    options: WriteOptions,
  ): Result<ReadonlyMap<string, string | null>, WriteFailure> {
    const checked = this.check(type, properties, options);
    if (!checked.ok) return checked;
    const missing = this.deps.requiredProperties(type).filter((name) => (checked.value.get(name) ?? null) === null);
    if (missing.length === 0) return checked;
    return err({
      kind: 'invalid',
      problems: missing.map((name) => ({
        name,
        error: 'REQUIRED_PROPERTY',
        message: `Property "${name}" is required`,
      })),
    });
  }

  findConflict(
    type: SimObjectType,
    values: ReadonlyMap<string, string | null>,
    selfId: string | null,
  ): WriteFailure | undefined {
    for (const property of this.uniqueProperties(type)) {
      const value = values.get(property);
      if (value === undefined || value === null) continue;
      const owner = this.deps.store.findUnique(type, property, value);
      if (owner !== undefined && owner.id !== selfId)
        return { kind: 'conflict', existingId: owner.id, property, value };
    }
    return undefined;
  }

  /** Sets values (honouring the lifecycle rule), keeps history and unique indexes; returns what changed. */
  apply(object: StoredObject, values: ReadonlyMap<string, string | null>, source: WriteSource, now: number): string[] {
    const changed: string[] = [];
    for (const [name, wanted] of values) {
      const current = object.values.get(name);
      const next = name === 'lifecyclestage' ? lifecycleNext(current, wanted) : wanted;
      if ((next ?? undefined) === current) continue;
      this.setValue(object, name, next, source, now);
      changed.push(name, ...this.derive(object, name, next, source, now));
    }
    return changed;
  }

  /** Records the object's new state for the (lagging) search index. */
  commit(object: StoredObject, now: number): void {
    this.deps.store.changed();
    object.versions.push({
      visibleAt: now + this.deps.searchLagMs(),
      values: new Map(object.values),
      archived: object.archivedAt !== null || object.mergedInto !== null,
    });
  }

  emit(event: Parameters<ChangeFeed['emit']>[0]): void {
    this.deps.feed.emit(event);
  }

  releaseUniques(object: StoredObject): void {
    for (const property of this.uniqueProperties(object.type)) {
      const value = object.values.get(property);
      if (value !== undefined) this.deps.store.releaseUnique(object.type, property, value, object.id);
    }
  }

  uniqueProperties(type: SimObjectType): string[] {
    const declared = this.deps.registry.uniqueProperties(type);
    return type === 'contacts' ? ['email', ...declared] : declared;
  }

  private setValue(object: StoredObject, name: string, value: string | null, source: WriteSource, now: number): void {
    const unique = this.uniqueProperties(object.type).includes(name);
    const previous = object.values.get(name);
    if (unique && previous !== undefined) this.deps.store.releaseUnique(object.type, name, previous, object.id);
    if (value === null) object.values.delete(name);
    else object.values.set(name, value);
    if (unique && value !== null) this.deps.store.claimUnique(object.type, name, value, object.id);
    const entries = object.history.get(name) ?? [];
    entries.unshift({ value: value ?? '', timestamp: now, sourceType: source.changeSource, sourceId: source.sourceId });
    object.history.set(name, entries);
  }

  /** Calculated properties HubSpot keeps in step with the one just written. */
  private derive(object: StoredObject, name: string, value: string | null, source: WriteSource, now: number): string[] {
    if (object.type !== 'contacts' || value === null) return [];
    if (name === 'email') {
      this.setValue(object, 'hs_email_domain', value.split('@')[1] ?? null, source, now);
      return ['hs_email_domain'];
    }
    const stamp = `hs_lifecyclestage_${value}_date`;
    if (name !== 'lifecyclestage' || object.values.has(stamp)) return [];
    this.setValue(object, stamp, new Date(now).toISOString(), source, now);
    return [stamp];
  }

  private emitChanges(object: StoredObject, changed: readonly string[], source: WriteSource, now: number): void {
    const objectType = object.type;
    if (!isStandardType(objectType)) return;
    for (const propertyName of new Set(changed)) {
      const propertyValue = object.values.get(propertyName) ?? '';
      this.emit({
        kind: 'propertyChange',
        objectType,
        objectId: object.id,
        propertyName,
        propertyValue,
        occurredAt: now,
        source,
      });
    }
  }
}

export function blankObject(id: string, type: SimObjectType, createdAt: number): StoredObject {
  return {
    id,
    type,
    values: new Map(),
    history: new Map(),
    createdAt,
    updatedAt: createdAt,
    archivedAt: null,
    mergedInto: null,
    versions: [],
  };
}

/**
 * Lifecycle stage only moves forward; an earlier stage is silently ignored unless the value is
 * cleared first (https://community.hubspot.com/t5/APIs-Integrations/Update-Lifecycle-Stage-Using-API).
 */
export function lifecycleNext(current: string | undefined, wanted: string | null): string | null {
  if (wanted === null || current === undefined) return wanted;
  const from = STAGE_ORDER.get(current);
  const to = STAGE_ORDER.get(wanted);
  return from !== undefined && to !== undefined && to < from ? current : wanted;
}

/** What HubSpot sets on every new record; contacts created by an app get "Offline Sources". */
function systemDefaults(object: StoredObject, source: WriteSource, now: number): Map<string, string> {
  const iso = new Date(now).toISOString();
  const values = new Map([
    ['hs_object_id', object.id],
    [createdOf(object.type), iso],
    [lastModifiedOf(object.type), iso],
  ]);
  if (object.type !== 'contacts') return values;
  values.set('hs_object_source', source.changeSource).set('hs_object_source_id', source.sourceId);
  values.set('hs_analytics_source', 'OFFLINE').set('hs_analytics_source_data_1', source.changeSource);
  for (const counter of [
    'num_conversion_events',
    'num_unique_conversion_events',
    'hs_analytics_num_page_views',
    'hs_analytics_num_visits',
  ]) {
    values.set(counter, '0');
  }
  return values;
}
