import type { UserAccess } from './access/model';
import { fieldRights } from './access/rules';
import { normalizeId } from './schema/ids';
import { badRequest, recordError, type RecordError } from './reply';
import type { FieldDef } from './schema/field';
import type { ObjectSchema, SchemaRegistry } from './schema/registry';
import type { RecordStore, Row, Value } from './store';
import { coerce } from './schema/values';

/** Field values of one record, keyed by canonical field name. */
export type Changes = ReadonlyMap<string, Value>;

// Keys the REST API accepts in a record body besides field names.
const ENVELOPE_KEYS = new Set(['attributes']);

/**
 * The fields of a JSON record body, deserialized. An unknown field or a value of the wrong JSON
 * type fails the whole request (INVALID_FIELD, JSON_PARSER_ERROR), as the platform's deserializer
 * does before any record is saved.
 */
export function parseRecordBody(schema: ObjectSchema, body: unknown): Map<string, Value> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${schema.name} from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE'} token`,
    );
  }
  const out = new Map<string, Value>();
  for (const [key, raw] of Object.entries(body)) {
    if (ENVELOPE_KEYS.has(key) || raw === undefined) continue;
    const field = schema.field(key);
    if (field === undefined) {
      const hint =
        schema.relationship(key) === undefined
          ? ''
          : ' (relationship references by external id are not supported by this simulator)';
      throw badRequest('INVALID_FIELD', `No such column '${key}' on sobject of type ${schema.name}${hint}`);
    }
    const coerced = coerce(field, raw);
    if (!coerced.ok) {
      throw badRequest(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${coerced.expected} from ${JSON.stringify(raw)?.slice(0, 60) ?? 'value'} for field ${field.name}`,
      );
    }
    out.set(field.name, coerced.value);
  }
  return out;
}

export interface CheckContext {
  readonly registry: SchemaRegistry;
  readonly store: RecordStore;
  /** The caller's access; absent when the platform itself writes. */
  readonly access?: UserAccess | undefined;
}

function checkWritable(ctx: CheckContext, object: string, field: FieldDef, creating: boolean): RecordError | undefined {
  const writable = creating ? field.createable : field.updateable;
  if (writable && fieldRights(ctx.access, object, field).edit) return undefined;
  return recordError(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    [field.name],
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkFormat(field: FieldDef, value: Value): RecordError | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string' && field.length > 0 && field.type !== 'reference' && value.length > field.length) {
    return recordError(
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${value.slice(0, 40)} (max length=${field.length})`,
      [field.name],
    );
  }
  if (field.type === 'email' && typeof value === 'string' && value !== '' && !EMAIL.test(value)) {
    return recordError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value.slice(0, 80)}`, [
      field.name,
    ]);
  }
  if (field.picklist?.restricted === true && typeof value === 'string' && !field.picklist.values.includes(value)) {
    return recordError(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${field.label}: bad value for restricted picklist field: ${value.slice(0, 80)}`,
      [field.name],
    );
  }
  if (typeof value === 'number' && field.precision > 0 && Math.abs(value) >= 10 ** (field.precision - field.scale)) {
    return recordError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${field.label}: value outside of valid range on numeric field: ${value}`,
      [field.name],
    );
  }
  return undefined;
}

function checkReference(ctx: CheckContext, field: FieldDef, value: Value): RecordError | undefined {
  if (field.type !== 'reference' || value === null || value === '') return undefined;
  const id = normalizeId(String(value));
  if (id === undefined)
    return recordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value).slice(0, 40)}`, [
      field.name,
    ]);
  const target = ctx.registry.objectOfId(id);
  if (target === undefined || !field.referenceTo.includes(target)) {
    return recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
  }
  const row = ctx.store.get(target, id);
  if (row === undefined || row['IsDeleted'] === true) {
    return recordError('INVALID_CROSS_REFERENCE_KEY', `${field.label}: invalid cross reference id`, [field.name]);
  }
  if (field.name === 'OwnerId' && target === 'User' && row['IsActive'] === false) {
    return recordError('INACTIVE_OWNER_OR_USER', `operation performed with inactive user [${id}] as owner`, [
      field.name,
    ]);
  }
  if (field.name === 'OwnerId' && target === 'Group' && row['Type'] !== 'Queue') {
    return recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
  }
  return undefined;
}

function checkUnique(
  ctx: CheckContext,
  schema: ObjectSchema,
  field: FieldDef,
  value: Value,
  selfId: string | undefined,
): RecordError | undefined {
  if (!field.unique || value === null || value === '') return undefined;
  const other = ctx.store
    .lookup(schema.name, field.name, value, field.caseSensitive)
    .find((id) => id !== selfId && ctx.store.get(schema.name, id)?.['IsDeleted'] !== true);
  return other === undefined
    ? undefined
    : recordError(
        'DUPLICATE_VALUE',
        `duplicate value found: ${field.name} duplicates value on record with id: ${other}`,
        [field.name],
      );
}

function missingRequired(schema: ObjectSchema, merged: Row): string[] {
  return schema.fields
    .filter((f) => !f.nillable && !f.defaultedOnCreate && f.createable && f.type !== 'boolean')
    .filter((f) => merged[f.name] === null || merged[f.name] === undefined || merged[f.name] === '')
    .map((f) => f.name);
}

/**
 * The record-level errors of one save: fields the caller may not write, formats and lengths,
 * restricted picklists, references, unique values and required fields, all reported together.
 */
export function checkRecord(
  ctx: CheckContext,
  schema: ObjectSchema,
  changes: Changes,
  merged: Row,
  selfId: string | undefined,
): RecordError[] {
  const creating = selfId === undefined;
  const errors: RecordError[] = [];
  for (const [name, value] of changes) {
    const field = schema.field(name);
    if (field === undefined) continue;
    const problem =
      checkWritable(ctx, schema.name, field, creating) ??
      checkFormat(field, value) ??
      checkReference(ctx, field, value) ??
      checkUnique(ctx, schema, field, value, selfId);
    if (problem !== undefined) errors.push(problem);
  }
  const missing = missingRequired(schema, merged);
  if (missing.length > 0)
    errors.push(recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing));
  return errors;
}
