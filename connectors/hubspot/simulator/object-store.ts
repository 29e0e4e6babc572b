import type { SimObjectType } from './property-model';

export interface HistoryEntry {
  readonly value: string;
  readonly timestamp: number;
  readonly sourceType: string;
  readonly sourceId: string;
}

/** What the search index holds for an object from `visibleAt` on (search is eventually consistent). */
export interface IndexVersion {
  readonly visibleAt: number;
  readonly values: ReadonlyMap<string, string>;
  readonly archived: boolean;
}

export interface StoredObject {
  readonly id: string;
  readonly type: SimObjectType;
  readonly values: Map<string, string>;
  readonly history: Map<string, HistoryEntry[]>;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  /** Set when the object was merged away: reads by this id answer with the merged record. */
  mergedInto: string | null;
  versions: IndexVersion[];
}

const FIRST_ID = 1001;

/** The raw records of every object type. Ids are numeric strings, unique across types. */
export class ObjectStore {
  private readonly byId = new Map<string, StoredObject>();
  private readonly unique = new Map<string, string>();
  private nextId = FIRST_ID;
  private changes = 0;

  /** Counts changes the search index must see: records added or removed, versions committed. */
  get revision(): number {
    return this.changes;
  }

  changed(): void {
    this.changes++;
  }

  reset(): void {
    this.changes++;
    this.byId.clear();
    this.unique.clear();
    this.nextId = FIRST_ID;
  }

  allocateId(): string {
    return String(this.nextId++);
  }

  insert(object: StoredObject): void {
    this.changes++;
    this.byId.set(object.id, object);
  }

  raw(type: SimObjectType, id: string): StoredObject | undefined {
    const found = this.byId.get(id);
    return found?.type === type ? found : undefined;
  }

  /** Follows merges; archived records only when asked for. */
  resolve(type: SimObjectType, id: string, includeArchived = false): StoredObject | undefined {
    let found = this.raw(type, id);
    for (let hops = 0; found?.mergedInto !== null && found !== undefined && hops < 20; hops++) {
      found = this.raw(type, found.mergedInto);
    }
    if (found === undefined) return undefined;
    return found.archivedAt === null || includeArchived ? found : undefined;
  }

  /** Forgets a record entirely, its unique values and the records merged into it included. */
  purge(id: string): void {
    this.changes++;
    for (const [key, owner] of this.unique) if (owner === id) this.unique.delete(key);
    for (const [key, object] of this.byId) if (key === id || object.mergedInto === id) this.byId.delete(key);
  }

  findUnique(type: SimObjectType, property: string, value: string): StoredObject | undefined {
    const id = this.unique.get(uniqueKey(type, property, value));
    return id === undefined ? undefined : this.resolve(type, id);
  }

  claimUnique(type: SimObjectType, property: string, value: string, id: string): void {
    this.unique.set(uniqueKey(type, property, value), id);
  }

  releaseUnique(type: SimObjectType, property: string, value: string, id: string): void {
    const key = uniqueKey(type, property, value);
    if (this.unique.get(key) === id) this.unique.delete(key);
  }

  list(type: SimObjectType, archived = false): StoredObject[] {
    const out: StoredObject[] = [];
    for (const object of this.byId.values()) {
      if (object.type === type && object.mergedInto === null && (object.archivedAt !== null) === archived)
        out.push(object);
    }
    return out;
  }

  /** Every record of a type the search index may still show (archived ones until their lag passes). */
  indexed(type: SimObjectType): StoredObject[] {
    const out: StoredObject[] = [];
    for (const object of this.byId.values()) if (object.type === type) out.push(object);
    return out;
  }
}

// Unique values compare case-insensitively (HubSpot treats A@x.com and a@x.com as one contact).
function uniqueKey(type: SimObjectType, property: string, value: string): string {
  return `${type}\u0000${property}\u0000${value.toLowerCase()}`;
}

/** The version the search index shows now, dropping versions nobody can see any more. */
export function visibleVersion(object: StoredObject, now: number): IndexVersion | undefined {
  let visible: IndexVersion | undefined;
  let firstKept = 0;
  object.versions.forEach((version, index) => {
    if (version.visibleAt <= now) {
      visible = version;
      firstKept = index;
    }
  });
  if (firstKept > 0) object.versions = object.versions.slice(firstKept);
  return visible;
}
