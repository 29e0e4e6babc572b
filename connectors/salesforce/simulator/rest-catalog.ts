import type { Actor } from './org';
import { findChildRelationship } from './describe-relations';
import type { SoqlCatalog } from './soql/catalog';

/**
 * The REST data model as the query engine sees it for the caller: objects it may not read are
 * unknown (INVALID_TYPE), fields it may not read are unknown columns (INVALID_FIELD), as on the
 * platform. queryAll adds deleted (and merged) rows.
 */
export function restCatalog(org: Actor): SoqlCatalog {
  return {
    object: (name) => {
      const schema = org.registry.object(name);
      return schema === undefined || org.access === undefined ? schema : org.access.view(schema);
    },
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
    childRelationship: (parent, name) => {
      const schema = org.registry.object(parent);
      return schema === undefined ? undefined : findChildRelationship(org, schema, name);
    },
  };
}
