import { createdOf, defaultReadProperties, lastModifiedOf } from './default-properties';
import type { HistoryEntry, StoredObject } from './object-store';
import { listParam } from './sim-http';

export interface ReadShape {
  /** Requested properties; empty means the type's defaults. */
  readonly properties: readonly string[];
  readonly propertiesWithHistory: readonly string[];
  /** Unknown property names are left out of the answer rather than refused. */
  readonly known: (name: string) => boolean;
}

export function shapeFromQuery(query: URLSearchParams, known: (name: string) => boolean): ReadShape {
  return {
    properties: listParam(query, 'properties'),
    propertiesWithHistory: listParam(query, 'propertiesWithHistory'),
    known,
  };
}

/** What a read shows of a record: the live record, or the search index's version of it. */
export type ObjectView = Pick<StoredObject, 'id' | 'type' | 'createdAt' | 'updatedAt' | 'archivedAt'> & {
  readonly values: ReadonlyMap<string, string>;
  readonly history: ReadonlyMap<string, readonly HistoryEntry[]>;
};

/** A SimplePublicObject: requested properties (null when unset) plus the three HubSpot always adds. */
export function objectJson(object: ObjectView, shape: ReadShape): Record<string, unknown> {
  const names = shape.properties.length > 0 ? shape.properties : defaultReadProperties(object.type);
  const properties: Record<string, string | null> = {};
  for (const name of [...names, 'hs_object_id', createdOf(object.type), lastModifiedOf(object.type)]) {
    if (shape.known(name)) properties[name] = object.values.get(name) ?? null;
  }
  const out: Record<string, unknown> = {
    id: object.id,
    properties,
    createdAt: new Date(object.createdAt).toISOString(),
    updatedAt: new Date(object.updatedAt).toISOString(),
    archived: object.archivedAt !== null,
  };
  if (object.archivedAt !== null) out['archivedAt'] = new Date(object.archivedAt).toISOString();
  if (shape.propertiesWithHistory.length > 0) out['propertiesWithHistory'] = historyJson(object, shape);
  return out;
}

function historyJson(object: ObjectView, shape: ReadShape): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of shape.propertiesWithHistory) {
    if (!shape.known(name)) continue;
    out[name] = (object.history.get(name) ?? []).map((entry) => ({
      value: entry.value,
      timestamp: new Date(entry.timestamp).toISOString(),
      sourceType: entry.sourceType,
      sourceId: entry.sourceId,
    }));
  }
  return out;
}
