import { defaultReadProperties, lastModifiedOf } from './default-properties';
import { validationError } from './hubspot-errors';
import { objectJson, type ObjectView } from './object-view';
import { isStandardType, type SimObjectType, type StandardObjectType } from './property-model';
import { knownProperty, objectTypeOf, parseBody } from './route-helpers';
import { runSearch, searchRequestSchema } from './search-engine';
import type { IndexedRecord } from './search-index';
import type { SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

/** The properties a free-text `query` looks in (https://developers.hubspot.com/docs/guides/api/crm/search). */
const SEARCHABLE: Readonly<Record<StandardObjectType, readonly string[]>> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company', 'hs_additional_emails'],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname', 'pipeline', 'dealstage', 'description'],
};

/** A custom object's query looks in the searchableProperties of its schema. */
function searchable(ctx: SimContext, type: SimObjectType): readonly string[] {
  return isStandardType(type) ? SEARCHABLE[type] : (ctx.schemas.resolve(type)?.searchableProperties ?? []);
}

/** A result as the index shows it: the indexed values, not the live ones. */
function viewOf(record: IndexedRecord, type: SimObjectType): ObjectView {
  const updatedAt = Date.parse(record.values.get(lastModifiedOf(type)) ?? '');
  return {
    ...record.object,
    values: record.values,
    history: new Map(),
    archivedAt: null,
    updatedAt: Number.isNaN(updatedAt) ? record.object.updatedAt : updatedAt,
  };
}

function search(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(searchRequestSchema, request.body);
  if (!body.ok) return body.error;
  const lookup = (name: string) => ctx.registry.get(type.value, name);
  // Search reads the index, which trails writes by searchLagMs: fresh writes may not match yet.
  const index = ctx.searchIndex.of(type.value, ctx.clock());
  const page = runSearch(index.records, body.value, lookup, searchable(ctx, type.value), index);
  if (!page.ok) return validationError(page.error);
  const properties = body.value.properties.length > 0 ? body.value.properties : defaultReadProperties(type.value);
  const shape = { properties, propertiesWithHistory: [], known: knownProperty(ctx, type.value) };
  const next = page.value.nextAfter;
  const paging =
    next === undefined
      ? {}
      : { paging: { next: { after: next, link: `/crm/v3/objects/${type.value}/search?after=${next}` } } };
  return json(200, {
    total: page.value.total,
    results: page.value.results.map((record) => objectJson(viewOf(record, type.value), shape)),
    ...paging,
  });
}

export function searchRoutes(ctx: SimContext): Route[] {
  return [
    { method: 'POST', pattern: '/crm/v3/objects/:objectType/search', kind: 'search', handler: (r) => search(ctx, r) },
  ];
}
