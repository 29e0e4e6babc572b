import { createHash } from 'node:crypto';
import avro from 'avsc';
import type { FieldDef } from '../schema/field';
import type { ObjectSchema } from '../schema/registry';
import type { Row, Value } from '../schema/values';
import { CHANGE_TYPES } from '../../pubsub/pubsub-wire';

/**
 * The Avro schema of an object's change event, as GetSchema returns it: the ChangeEventHeader
 * first, then every field of the object as an optional value (null when unchanged). Change events
 * leave out IsDeleted, SystemModstamp and formula fields, and carry a person's name as the Name
 * compound field.
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_message_structure.htm
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm
 */

export { CHANGE_TYPES, type ChangeType } from '../../pubsub/pubsub-wire';

const HEADER = {
  type: 'record',
  name: 'ChangeEventHeader',
  namespace: 'com.sforce.eventbus',
  fields: [
    { name: 'entityName', type: 'string' },
    { name: 'recordIds', type: { type: 'array', items: 'string' } },
    { name: 'changeType', type: { type: 'enum', name: 'ChangeType', symbols: [...CHANGE_TYPES] } },
    { name: 'changeOrigin', type: 'string' },
    { name: 'transactionKey', type: 'string' },
    { name: 'sequenceNumber', type: 'int' },
    { name: 'commitTimestamp', type: 'long' },
    { name: 'commitNumber', type: 'long' },
    { name: 'commitUser', type: 'string' },
    { name: 'nulledFields', type: { type: 'array', items: 'string' } },
    { name: 'diffFields', type: { type: 'array', items: 'string' } },
    { name: 'changedFields', type: { type: 'array', items: 'string' } },
  ],
};

/** The Name compound of a Lead or Contact (Switchable_PersonName), parts in the platform's order. */
const NAME_PARTS = ['Salutation', 'FirstName', 'LastName'] as const;
const LEFT_OUT = new Set(['IsDeleted', 'SystemModstamp']);

/** One position of the event's top-level field list: a field, or a compound of fields. */
export interface EventField {
  readonly name: string;
  readonly parts?: readonly FieldDef[];
  readonly field?: FieldDef;
}

/** An object's change event schema as its fields describe it: cheap to make, to tell whether it changed. */
export interface ChangeSchemaShape {
  readonly entity: string;
  readonly id: string;
  readonly json: string;
  /** The event's fields after ChangeEventHeader (position 0), in schema order. */
  readonly fields: readonly EventField[];
}

/** A schema with its Avro type, which takes a thousand times longer to build than its shape. */
export interface ChangeSchema extends ChangeSchemaShape {
  readonly type: avro.Type;
}

function avroType(field: FieldDef): unknown {
  switch (field.type) {
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'int';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'datetime':
      return { type: 'long', logicalType: 'timestamp-millis' };
    default:
      return 'string';
  }
}

function eventFields(schema: ObjectSchema): EventField[] {
  const hasName = NAME_PARTS.every((part) => schema.field(part) !== undefined);
  const out: EventField[] = [];
  for (const field of schema.fields) {
    if (LEFT_OUT.has(field.name) || field.calculated) continue;
    if (hasName && (NAME_PARTS as readonly string[]).includes(field.name)) {
      if (field.name === 'LastName')
        out.push({ name: 'Name', parts: NAME_PARTS.map((part) => schema.field(part) as FieldDef) });
      continue;
    }
    out.push({ name: field.name, field });
  }
  return out;
}

export function withType(shape: ChangeSchemaShape): ChangeSchema {
  return { ...shape, type: avro.Type.forSchema(JSON.parse(shape.json) as avro.Schema) };
}

/** The schema of `schema`'s change events; its id is the fingerprint of its JSON, as the platform's. */
export function changeSchemaShape(schema: ObjectSchema): ChangeSchemaShape {
  const fields = eventFields(schema);
  const json = JSON.stringify({
    type: 'record',
    name: `${schema.name}ChangeEvent`,
    namespace: 'com.sforce.eventbus',
    fields: [
      { name: 'ChangeEventHeader', type: HEADER, doc: 'Data:Change Event Header' },
      ...fields.map((f) => ({
        name: f.name,
        type: [
          'null',
          f.parts === undefined
            ? avroType(f.field as FieldDef)
            : {
                type: 'record',
                name: 'Switchable_PersonName',
                fields: f.parts.map((p) => ({ name: p.name, type: ['null', avroType(p)], default: null })),
              },
        ],
        default: null,
      })),
    ],
  });
  const id = createHash('sha256').update(json).digest('base64url').slice(0, 22);
  return { entity: schema.name, id, json, fields };
}

/** A stored value as the event carries it: dates as days since 1970, datetimes as epoch ms. */
export function eventValue(field: FieldDef, value: Value | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (field.type === 'date' && typeof value === 'string')
    return Math.round(Date.parse(`${value}T00:00:00Z`) / 86_400_000);
  return value;
}

/** The value of one event field of `row`; a compound whose parts are all null is null. */
export function compoundValue(f: EventField, row: Row, only?: ReadonlySet<string>): unknown {
  if (f.parts === undefined) return eventValue(f.field as FieldDef, row[f.name]);
  const parts = Object.fromEntries(
    f.parts.map((p) => [p.name, only === undefined || only.has(p.name) ? eventValue(p, row[p.name]) : null]),
  );
  return Object.values(parts).every((v) => v === null) ? null : parts;
}

/**
 * A bitmap field as the Pub/Sub API sends it: the first string has bit i set for top-level field i
 * (ChangeEventHeader is 0); then "i-0x…" for each compound field i whose parts changed.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/event-deserialization-considerations.html
 */
export function fieldBitmap(fields: readonly EventField[], names: ReadonlySet<string>): string[] {
  if (names.size === 0) return [];
  let top = 0n;
  const nested: string[] = [];
  fields.forEach((f, index) => {
    const position = index + 1;
    if (f.parts === undefined) {
      if (names.has(f.name)) top |= 1n << BigInt(position);
      return;
    }
    let bits = 0n;
    f.parts.forEach((p, i) => {
      if (names.has(p.name)) bits |= 1n << BigInt(i);
    });
    if (bits !== 0n) nested.push(`${position}-${hex(bits)}`);
  });
  return [hex(top), ...nested];
}

function hex(bits: bigint): string {
  const digits = bits.toString(16).toUpperCase();
  return `0x${digits.length % 2 === 0 ? digits : `0${digits}`}`;
}
