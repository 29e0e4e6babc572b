import { z } from 'zod';
import { err, ok, type Result } from '../../../src/shared/result';
import { hubSpotError, notFound, validationError } from './hubspot-errors';
import {
  FIELD_TYPES_BY_TYPE,
  PROPERTY_TYPES,
  propertyJson,
  type PropertyDefinition,
  type PropertyGroup,
  type SimObjectType,
} from './property-model';
import { definedFields, objectTypeOf, parseBody } from './route-helpers';
import type { SimContext } from './sim-context';
import { boolParam, json, type Route, type SimRequest, type SimResponse } from './sim-http';

const NAME = /^[a-z][a-z0-9_]{0,99}$/;
/** "You can have up to 10 unique value properties per object" (properties guide, hasUniqueValue). */
export const MAX_UNIQUE_PROPERTIES = 10;

const optionSchema = z.object({
  label: z.string().min(1),
  value: z.string().min(1),
  description: z.string().default(''),
  displayOrder: z.number().int().default(0),
  hidden: z.boolean().default(false),
});
export const propertyCreateSchema = z.object({
  name: z.string(),
  label: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().default(''),
  options: z.array(optionSchema).default([]),
  displayOrder: z.number().int().default(-1),
  hasUniqueValue: z.boolean().default(false),
  hidden: z.boolean().default(false),
  formField: z.boolean().default(false),
});
/**
 * PATCH changes only what it names (PropertyUpdate, properties reference: every field optional):
 * no defaults here, or a label-only update would reset the description, options and display order.
 */
const updateSchema = z.object({
  label: z.string().min(1).optional(),
  type: z.enum(PROPERTY_TYPES).optional(),
  fieldType: z.string().optional(),
  groupName: z.string().optional(),
  description: z.string().optional(),
  options: z.array(optionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
const groupSchema = z.object({
  name: z.string(),
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
});
/** PropertyGroupUpdate: label and displayOrder, each optional; what is left out stays. */
const groupUpdateSchema = z.object({ label: z.string().min(1).optional(), displayOrder: z.number().int().optional() });

type Shape = Pick<PropertyDefinition, 'name' | 'type' | 'fieldType' | 'groupName' | 'options'>;

/** The checks HubSpot makes on a property definition, create or update. */
export function definitionProblem(ctx: SimContext, type: SimObjectType, shape: Shape): string | undefined {
  if (ctx.registry.group(type, shape.groupName) === undefined)
    return `Property group ${shape.groupName} does not exist`;
  return shapeProblem(shape);
}

/** The checks on a definition by itself: its name, its type and field type, its options. */
export function shapeProblem(shape: Omit<Shape, 'groupName'>): string | undefined {
  if (!NAME.test(shape.name))
    return `Property name '${shape.name}' must start with a letter and hold only lowercase letters, digits and underscores`;
  if (!FIELD_TYPES_BY_TYPE[shape.type].includes(shape.fieldType))
    return `fieldType ${shape.fieldType} is not valid for a property of type ${shape.type}`;
  if (shape.type === 'enumeration' && shape.options.length === 0)
    return `Property ${shape.name} of type enumeration needs at least one option`;
  const values = shape.options.map((option) => option.value);
  const repeated = values.find((value, index) => values.indexOf(value) !== index);
  return repeated === undefined ? undefined : `Option value ${repeated} appears more than once`;
}

function createProperty(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(propertyCreateSchema, request.body);
  if (!body.ok) return body.error;
  const added = addProperty(ctx, type.value, body.value);
  return added.ok ? json(201, propertyJson(added.value)) : added.error;
}

/** Defines one property, as a single or a batch create does: 409 for a name in use, 400 for a bad shape. */
export function addProperty(
  ctx: SimContext,
  type: SimObjectType,
  input: z.infer<typeof propertyCreateSchema>,
): Result<PropertyDefinition, SimResponse> {
  if (ctx.registry.get(type, input.name)?.archived === false)
    return err(hubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`));
  const definition = newDefinition(input, ctx.clock());
  const problem =
    definitionProblem(ctx, type, definition) ??
    uniqueLimitProblem(ctx.registry.uniqueProperties(type).length + (input.hasUniqueValue ? 1 : 0));
  if (problem !== undefined) return err(validationError(problem));
  ctx.registry.put(type, definition);
  return ok(definition);
}

/** A property leadpact (or any app) defines: never HubSpot's own, never calculated. */
export function newDefinition(input: z.infer<typeof propertyCreateSchema>, now: number): PropertyDefinition {
  const options = input.type === 'bool' && input.options.length === 0 ? booleanOptions() : input.options;
  return {
    ...input,
    options,
    calculated: false,
    externalOptions: false,
    hubspotDefined: false,
    readOnlyValue: false,
    readOnlyDefinition: false,
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
}

export function uniqueLimitProblem(uniqueCount: number): string | undefined {
  return uniqueCount > MAX_UNIQUE_PROPERTIES
    ? `An object can have at most ${MAX_UNIQUE_PROPERTIES} unique value properties`
    : undefined;
}

function booleanOptions(): z.infer<typeof optionSchema>[] {
  return [
    { label: 'Yes', value: 'true', description: '', displayOrder: 0, hidden: false },
    { label: 'No', value: 'false', description: '', displayOrder: 1, hidden: false },
  ];
}

function updateProperty(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const current = ctx.registry.get(type.value, request.params['propertyName'] ?? '');
  if (current === undefined || current.archived) return notFound();
  const body = parseBody(updateSchema, request.body);
  if (!body.ok) return body.error;
  // HubSpot-defined properties keep their definition; only their options (lifecycle stages) may change.
  const touched = Object.keys(body.value).filter((key) => key !== 'options');
  if (current.readOnlyDefinition && touched.length > 0)
    return validationError(`${current.name} is a HubSpot defined property; only its options can be changed`);
  const next: PropertyDefinition = { ...current, ...definedFields(body.value), updatedAt: ctx.clock() };
  const problem = definitionProblem(ctx, type.value, next);
  if (problem !== undefined) return validationError(problem);
  ctx.registry.put(type.value, next);
  return json(200, propertyJson(next));
}

function readProperty(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const definition = ctx.registry.get(type.value, request.params['propertyName'] ?? '');
  const archived = boolParam(request.query, 'archived');
  return definition === undefined || definition.archived !== archived
    ? notFound()
    : json(200, propertyJson(definition));
}

function listProperties(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  return json(200, { results: ctx.registry.list(type.value, boolParam(request.query, 'archived')).map(propertyJson) });
}

function archiveProperty(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  return removeProperty(ctx, type.value, request.params['propertyName'] ?? '') ?? json(204);
}

/** Archives one property; the refusal when there is none or HubSpot owns it. */
export function removeProperty(ctx: SimContext, type: SimObjectType, name: string): SimResponse | undefined {
  const definition = ctx.registry.get(type, name);
  if (definition === undefined) return notFound();
  if (definition.hubspotDefined)
    return validationError(`${definition.name} is a HubSpot defined property and cannot be archived`);
  ctx.registry.put(type, { ...definition, archived: true, updatedAt: ctx.clock() });
  return undefined;
}

export function groupJson(group: PropertyGroup): Record<string, unknown> {
  return { name: group.name, label: group.label, displayOrder: group.displayOrder, archived: group.archived };
}

function createGroup(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const body = parseBody(groupSchema, request.body);
  if (!body.ok) return body.error;
  if (!NAME.test(body.value.name))
    return validationError(`Group name '${body.value.name}' must hold only lowercase letters, digits and underscores`);
  if (ctx.registry.group(type.value, body.value.name)?.archived === false) {
    return hubSpotError(409, 'OBJECT_ALREADY_EXISTS', `Property group named '${body.value.name}' already exists.`);
  }
  const group = { ...body.value, archived: false };
  ctx.registry.putGroup(type.value, group);
  return json(201, groupJson(group));
}

function groupRoute(ctx: SimContext, request: SimRequest): SimResponse {
  const type = objectTypeOf(ctx, request.params);
  if (!type.ok) return type.error;
  const group = ctx.registry.group(type.value, request.params['groupName'] ?? '');
  if (group === undefined || group.archived) return notFound();
  if (request.method === 'GET') return json(200, groupJson(group));
  if (request.method === 'DELETE') {
    ctx.registry.putGroup(type.value, { ...group, archived: true });
    return json(204);
  }
  const body = parseBody(groupUpdateSchema, request.body);
  if (!body.ok) return body.error;
  const next: PropertyGroup = { ...group, ...definedFields(body.value) };
  ctx.registry.putGroup(type.value, next);
  return json(200, groupJson(next));
}

export function propertyRoutes(ctx: SimContext): Route[] {
  const base = '/crm/v3/properties/:objectType';
  const groups = (r: SimRequest): SimResponse => groupRoute(ctx, r);
  const route = (method: string, pattern: string, handler: (c: SimContext, r: SimRequest) => SimResponse): Route => ({
    method,
    pattern,
    kind: 'crm',
    handler: (r) => handler(ctx, r),
  });
  return [
    route('GET', `${base}/groups`, (c, r) => {
      const type = objectTypeOf(c, r.params);
      return type.ok ? json(200, { results: c.registry.listGroups(type.value).map(groupJson) }) : type.error;
    }),
    route('POST', `${base}/groups`, createGroup),
    ...['GET', 'PATCH', 'DELETE'].map((method): Route => ({
      method,
      pattern: `${base}/groups/:groupName`,
      kind: 'crm',
      handler: groups,
    })),
    route('GET', base, listProperties),
    route('POST', base, createProperty),
    route('GET', `${base}/:propertyName`, readProperty),
    route('PATCH', `${base}/:propertyName`, updateProperty),
    route('DELETE', `${base}/:propertyName`, archiveProperty),
  ];
}
