import { notFound } from './reply';
import type { RouteContext } from './router';
import type { ObjectSchema } from './schema/registry';

/**
 * The object a URL names, all its fields (writes name hidden fields to be refused one by one). An
 * object the caller may not read does not exist for it: 404, as for an unknown object.
 */
export function objectOf(context: RouteContext): ObjectSchema {
  const schema = context.actor.registry.object(context.params['type'] ?? '');
  if (schema === undefined || context.actor.access?.object(schema.name).read === false) throw notFound();
  return schema;
}

/** The object as the caller sees it: the fields it may not read left out (field-level security). */
export function seenBy(context: RouteContext, schema: ObjectSchema): ObjectSchema {
  return context.actor.access?.view(schema) ?? schema;
}
