import { z } from 'zod';
import { err, ok, type Result } from '../../../src/shared/result';
import type { WriteFailure } from './crm-writes';
import { hubSpotError, notFound, validationError } from './hubspot-errors';
import type { StoredObject } from './object-store';
import { isStandardType, SINGULAR, standardTypeOf, type SimObjectType } from './property-model';
import { propertyProblemsBody } from './property-values';
import type { SimContext } from './sim-context';
import type { SimResponse } from './sim-http';

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): Result<T, SimResponse> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue === undefined ? '' : ` at ${issue.path.join('.') || 'body'}: ${issue.message}`;
  return err(validationError(`Invalid input JSON${where}`));
}

/**
 * contacts, companies, deals (or 0-1, 0-2, 0-3); a custom object by its objectTypeId (2-…) or
 * fullyQualifiedName (p<portal>_<name>).
 */
export function objectTypeOf(
  ctx: SimContext,
  params: Readonly<Record<string, string>>,
  key = 'objectType',
): Result<SimObjectType, SimResponse> {
  const type = params[key] ?? '';
  const standard = standardTypeOf(type);
  if (standard !== undefined) return ok(standard);
  const schema = ctx.schemas.resolve(type);
  return schema === undefined
    ? err(validationError(`Unable to infer object type from: ${type}`))
    : ok(schema.objectTypeId);
}

/** What a record of the type is called in messages: "contact", or the custom object's singular label. */
export function nounOf(ctx: SimContext, type: SimObjectType): string {
  return isStandardType(type) ? SINGULAR[type] : (ctx.schemas.resolve(type)?.labels.singular ?? type);
}

/** The HTTP answer HubSpot gives for a refused single-object write. */
export function failureResponse(failure: WriteFailure, type: SimObjectType, ctx: SimContext): SimResponse {
  switch (failure.kind) {
    case 'invalid':
      return hubSpotError(
        400,
        'VALIDATION_ERROR',
        '',
        propertyProblemsBody(failure.problems, ctx.credentials.portalId),
      );
    case 'conflict':
      return hubSpotError(409, 'CONFLICT', conflictMessage(failure, nounOf(ctx, type)));
    case 'notFound':
      return notFound();
  }
}

export function conflictMessage(
  failure: { readonly existingId: string; readonly property: string },
  singular: string,
): string {
  const noun = singular.charAt(0).toUpperCase() + singular.slice(1);
  // "Contact already exists. Existing ID: 123" is HubSpot's wording for a duplicate email.
  if (failure.property === 'email') return `${noun} already exists. Existing ID: ${failure.existingId}`;
  return `${noun} with that ${failure.property} already exists. Existing ID: ${failure.existingId}`;
}

/** Finds a record by id or by a unique property (idProperty=email). */
export function findBy(
  ctx: SimContext,
  type: SimObjectType,
  id: string,
  idProperty: string | null,
  archived = false,
): Result<StoredObject | undefined, SimResponse> {
  if (idProperty === null || idProperty === '' || idProperty === 'hs_object_id')
    return ok(ctx.store.resolve(type, id, archived));
  if (!ctx.writes.uniqueProperties(type).includes(idProperty)) {
    return err(validationError(`${idProperty} is not a unique identifier property for ${type}`));
  }
  return ok(ctx.store.findUnique(type, idProperty, id));
}

export const propertiesSchema = z.record(z.string(), z.unknown());

export function knownProperty(ctx: SimContext, type: SimObjectType): (name: string) => boolean {
  return (name) => ctx.registry.get(type, name) !== undefined;
}

export function isoNow(ctx: SimContext): string {
  return new Date(ctx.clock()).toISOString();
}

/** A PATCH body without the keys it left out, so spreading it keeps the current values. */
export function definedFields<T extends object>(patch: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
