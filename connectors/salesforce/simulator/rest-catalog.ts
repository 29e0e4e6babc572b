import type { Org } from './org';
import type { SoqlCatalog } from './soql/catalog';

/** The REST data model as the query engine sees it; queryAll adds deleted (and merged) rows. */
export function restCatalog(org: Org): SoqlCatalog {
  return {
    object: (name) => org.registry.object(name),
    rows: (object, includeDeleted) => {
      const rows = org.store.visibleRows(object);
      return includeDeleted ? rows : rows.filter((row) => row['IsDeleted'] !== true);
    },
    resolve: (id) => {
      const object = org.registry.objectOfId(id);
      const row = object === undefined ? undefined : org.store.get(object, id);
      return object === undefined || row === undefined ? undefined : { object, row };
    },
    now: org.now,
  };
}
