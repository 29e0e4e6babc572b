import { z } from 'zod';
import { schemaJson, type AssociationDefinition, type CustomSchema } from './custom-schemas';
import { customObjectDefinitions } from './default-properties';
import { hubSpotError, notFound, validationError } from './hubspot-errors';
import { isStandardType, OBJECT_TYPE_IDS, SINGULAR, type PropertyDefinition } from './property-model';
import { newDefinition, propertyCreateSchema, shapeProblem, uniqueLimitProblem } from './properties-routes';
import { definedFields, parseBody } from './route-helpers';
import type { SimContext } from './sim-context';
import { boolParam, json, type Route, type SimRequest, type SimResponse } from './sim-http';

/**
 * The schemas API (https://developers.hubspot.com/docs/guides/api/crm/objects/custom-objects):
 * the SDK calls it under /crm-object-schemas/v3/schemas, HubSpot's guide under /crm/v3/schemas;
 * both answer. A name "can only contain letters, numbers, and underscores, and the first character
 * must be a letter"; required, searchable and display properties must be properties of the object.
 */
const BASES = ['/crm-object-schemas/v3/schemas', '/crm/v3/schemas'] as const;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** associatedObjects name standard objects by these words, or any object by its objectTypeId. */
const ASSOCIABLE: Readonly<Record<string, string>> = { CONTACT: '0-1', COMPANY: '0-2', DEAL: '0-3', TICKET: '0-5' };

const labelsSchema = z.object({ singular: z.string().min(1), plural: z.string().min(1) });
// A schema's properties go to the object's own group unless they name it.
const schemaPropertySchema = propertyCreateSchema.extend({ groupName: z.string().optional() });
const referencesSchema = z.object({
  primaryDisplayProperty: z.string().optional(),
  secondaryDisplayProperties: z.array(z.string()).optional(),
  searchableProperties: z.array(z.string()).optional(),
  requiredProperties: z.array(z.string()).optional(),
});
const createSchema = referencesSchema.extend({
  name: z.string(),
  labels: labelsSchema,
  description: z.string().optional(),
  requiredProperties: z.array(z.string()),
  properties: z.array(schemaPropertySchema),
  associatedObjects: z.array(z.string()),
});
const patchSchema = referencesSchema.extend({
  labels: labelsSchema.partial().optional(),
  description: z.string().optional(),
  clearDescription: z.boolean().optional(),
  restorable: z.boolean().optional(),
});
type References = z.infer<typeof referencesSchema>;

/** Every property a schema's display, search or required lists name must be one of the object's. */
function referenceProblem(names: ReadonlySet<string>, refs: References): string | undefined {
  const lists: [string, readonly string[]][] = [
    ['primaryDisplayProperty', refs.primaryDisplayProperty === undefined ? [] : [refs.primaryDisplayProperty]],
    ['secondaryDisplayProperties', refs.secondaryDisplayProperties ?? []],
    ['searchableProperties', refs.searchableProperties ?? []],
    ['requiredProperties', refs.requiredProperties ?? []],
  ];
  for (const [field, list] of lists) {
    const unknown = list.find((name) => !names.has(name));
    if (unknown !== undefined) return `${field} names ${unknown}, which is not a property of this object`;
  }
  return undefined;
}

function definitionsProblem(
  definitions: readonly PropertyDefinition[],
  defaults: readonly PropertyDefinition[],
): string | undefined {
  const seen = new Set(defaults.map((d) => d.name));
  for (const definition of definitions) {
    if (seen.has(definition.name)) return `Property ${definition.name} is defined more than once`;
    seen.add(definition.name);
    const problem = shapeProblem(definition);
    if (problem !== undefined) return problem;
  }
  return uniqueLimitProblem(definitions.filter((d) => d.hasUniqueValue).length);
}

export function associationTarget(ctx: SimContext, target: string): string | undefined {
  return (
    ASSOCIABLE[target.toUpperCase()] ??
    (Object.values(OBJECT_TYPE_IDS).includes(target) ? target : ctx.schemas.resolve(target)?.objectTypeId)
  );
}

function associationsOf(
  ctx: SimContext,
  objectTypeId: string,
  name: string,
  targets: readonly string[],
  now: number,
): AssociationDefinition[] | string {
  const out: AssociationDefinition[] = [];
  for (const [index, target] of targets.entries()) {
    const toObjectTypeId = associationTarget(ctx, target);
    if (toObjectTypeId === undefined)
      return `associatedObjects names ${target}, which is not an object type of this account`;
    out.push({
      id: `${objectTypeId.slice(2)}${index + 1}`,
      name: `${name}_to_${target.toLowerCase()}`,
      fromObjectTypeId: objectTypeId,
      toObjectTypeId,
      createdAt: now,
    });
  }
  return out;
}

function createObjectSchema(ctx: SimContext, request: SimRequest): SimResponse {
  const body = parseBody(createSchema, request.body);
  if (!body.ok) return body.error;
  const input = body.value;
  if (!OBJECT_NAME.test(input.name))
    return validationError(
      `Object name '${input.name}' can only contain letters, numbers and underscores, and must start with a letter`,
    );
  const taken = ctx.schemas.named(input.name);
  if (taken !== undefined)
    return hubSpotError(
      409,
      'OBJECT_ALREADY_EXISTS',
      `An object type named '${input.name}' already exists${taken.archived ? ' (archived: purge it to reuse the name)' : ''}.`,
    );
  const now = ctx.clock();
  const group = `${input.name.toLowerCase()}_information`;
  const defaults = customObjectDefinitions(group, now);
  const definitions = input.properties.map((property) =>
    newDefinition({ ...property, groupName: property.groupName ?? group }, now),
  );
  const foreignGroup = definitions.find((d) => d.groupName !== group);
  const problem =
    (foreignGroup === undefined ? undefined : `Property group ${foreignGroup.groupName} does not exist`) ??
    definitionsProblem(definitions, defaults) ??
    referenceProblem(new Set([...defaults, ...definitions].map((d) => d.name)), input);
  if (problem !== undefined) return validationError(problem);
  const { id, objectTypeId } = ctx.schemas.allocate();
  const associations = associationsOf(ctx, objectTypeId, input.name.toLowerCase(), input.associatedObjects, now);
  if (typeof associations === 'string') return validationError(associations);
  const schema: CustomSchema = {
    id,
    objectTypeId,
    name: input.name,
    fullyQualifiedName: `p${ctx.credentials.portalId}_${input.name}`,
    labels: input.labels,
    description: input.description,
    primaryDisplayProperty: input.primaryDisplayProperty,
    secondaryDisplayProperties: input.secondaryDisplayProperties ?? [],
    searchableProperties: input.searchableProperties ?? [],
    requiredProperties: input.requiredProperties,
    associations,
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
  ctx.registry.addType(
    objectTypeId,
    [...defaults, ...definitions],
    [{ name: group, label: `${input.labels.singular} information`, displayOrder: 0, archived: false }],
  );
  ctx.schemas.put(schema);
  return json(201, schemaJson(schema, ctx.registry));
}

function updateObjectSchema(ctx: SimContext, schema: CustomSchema, request: SimRequest): SimResponse {
  const body = parseBody(patchSchema, request.body);
  if (!body.ok) return body.error;
  const { labels, clearDescription, restorable: _restorable, ...rest } = body.value;
  const names = new Set(ctx.registry.list(schema.objectTypeId).map((d) => d.name));
  const problem = referenceProblem(names, rest);
  if (problem !== undefined) return validationError(problem);
  const next: CustomSchema = {
    ...schema,
    ...definedFields(rest),
    labels: { ...schema.labels, ...definedFields(labels ?? {}) },
    description: clearDescription === true ? undefined : (rest.description ?? schema.description),
    updatedAt: ctx.clock(),
  };
  ctx.schemas.put(next);
  return json(200, schemaJson(next, ctx.registry));
}

/**
 * HubSpot deletes a custom object only once its records are deleted; the archived schema keeps its
 * name until it is purged with `archived=true`.
 */
function deleteObjectSchema(ctx: SimContext, request: SimRequest): SimResponse {
  const ref = request.params['objectType'] ?? '';
  if (boolParam(request.query, 'archived')) {
    const archived = ctx.schemas.resolve(ref, true);
    if (archived === undefined) return notFound(`No archived object type ${ref}`);
    ctx.schemas.remove(archived);
    ctx.registry.removeType(archived.objectTypeId);
    return json(204);
  }
  const schema = ctx.schemas.resolve(ref);
  if (schema === undefined) return notFound(`No object type ${ref}`);
  const records = ctx.store.list(schema.objectTypeId).length;
  if (records > 0)
    return validationError(
      `Object type ${schema.name} still has ${records} records; delete them before the object type`,
    );
  ctx.schemas.put({ ...schema, archived: true, updatedAt: ctx.clock() });
  return json(204);
}

function oneSchema(ctx: SimContext, request: SimRequest): SimResponse {
  const ref = request.params['objectType'] ?? '';
  const schema = ctx.schemas.resolve(ref);
  if (schema === undefined)
    return isStandardType(ref)
      ? validationError(`${SINGULAR[ref]} is a standard object, not a custom object`)
      : notFound(`No object type ${ref}`);
  if (request.method === 'GET') return json(200, schemaJson(schema, ctx.registry));
  return updateObjectSchema(ctx, schema, request);
}

export function schemaRoutes(ctx: SimContext): Route[] {
  return BASES.flatMap((base): Route[] => [
    {
      method: 'GET',
      pattern: base,
      kind: 'crm',
      handler: (r) =>
        json(200, {
          results: ctx.schemas.list(boolParam(r.query, 'archived')).map((s) => schemaJson(s, ctx.registry)),
        }),
    },
    { method: 'POST', pattern: base, kind: 'crm', handler: (r) => createObjectSchema(ctx, r) },
    { method: 'GET', pattern: `${base}/:objectType`, kind: 'crm', handler: (r) => oneSchema(ctx, r) },
    { method: 'PATCH', pattern: `${base}/:objectType`, kind: 'crm', handler: (r) => oneSchema(ctx, r) },
    { method: 'DELETE', pattern: `${base}/:objectType`, kind: 'crm', handler: (r) => deleteObjectSchema(ctx, r) },
  ]);
}
