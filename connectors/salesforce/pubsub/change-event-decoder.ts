import avro from 'avsc';
import type { ChangeType } from './pubsub-wire';

/**
 * Change events as leadpact reads them: the Avro payload decoded with the schema GetSchema gave
 * for its schema id (cached by id), the bitmap fields expanded to field names, compound fields
 * (a person's Name) flattened to their parts, and values in the REST API's shape (datetimes as
 * ISO text, dates as YYYY-MM-DD) so a change event and a REST read look alike downstream.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/event-deserialization-considerations.html
 */

export type { ChangeType } from './pubsub-wire';

export interface DecodedChange {
  readonly replayId: bigint;
  readonly entity: string;
  readonly recordIds: readonly string[];
  readonly changeType: ChangeType;
  readonly transactionKey: string;
  readonly sequenceNumber: number;
  readonly commitTimestamp: number;
  readonly commitUser: string;
  /** Names of the changed fields (an update's), compound parts by their own name (FirstName). */
  readonly changedFields: readonly string[];
  readonly nulledFields: readonly string[];
  /** A create's values, or an update's changed values (null where nulled); nothing for a delete or gap. */
  readonly fields: Readonly<Record<string, unknown>>;
}

interface Header {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitUser: string;
  nulledFields: string[];
  changedFields: string[];
}

interface Decoder {
  readonly type: avro.Type;
  /** Top-level field names in schema order, and for a compound its parts' names. */
  readonly fields: readonly {
    readonly name: string;
    readonly parts: readonly string[] | null;
    readonly kind: string;
  }[];
}

function logicalType(type: unknown): string {
  if (Array.isArray(type)) return logicalType((type as unknown[]).find((t) => t !== 'null'));
  if (typeof type === 'object' && type !== null) {
    const t = type as { logicalType?: string; type?: unknown };
    return t.logicalType ?? (typeof t.type === 'string' ? t.type : '');
  }
  return typeof type === 'string' ? type : '';
}

function recordParts(type: unknown): { name: string; type: unknown }[] | null {
  const record: unknown = Array.isArray(type)
    ? (type as unknown[]).find((t) => typeof t === 'object' && t !== null)
    : type;
  const r = record as { type?: string; fields?: { name: string; type: unknown }[] } | undefined;
  return r?.type === 'record' && Array.isArray(r.fields) ? r.fields : null;
}

function decoderOf(schemaJson: string): Decoder {
  const parsed = JSON.parse(schemaJson) as { fields: { name: string; type: unknown }[] };
  return {
    // Timestamps stay numbers: leadpact formats them itself.
    type: avro.Type.forSchema(parsed as avro.Schema, { wrapUnions: false }),
    fields: parsed.fields.map((f) => ({
      name: f.name,
      parts: recordParts(f.type)?.map((p) => p.name) ?? null,
      kind: logicalType(f.type),
    })),
  };
}

/** Field names a bitmap list names: bit i of the first entry is field i; "i-0x…" entries a compound's parts. */
export function expandBitmap(decoder: Decoder, bitmaps: readonly string[]): string[] {
  const names: string[] = [];
  bitmaps.forEach((entry, index) => {
    const dash = entry.indexOf('-');
    const top = index === 0 && dash < 0;
    const bits = BigInt(top ? entry : entry.slice(dash + 1));
    const parent = top ? undefined : decoder.fields[Number(entry.slice(0, dash))];
    const pool = top ? decoder.fields.map((f) => f.name) : (parent?.parts ?? []);
    pool.forEach((name, i) => {
      if ((bits >> BigInt(i)) & 1n) names.push(name);
    });
  });
  return names;
}

function restValue(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'timestamp-millis' && typeof value === 'number') return new Date(value).toISOString();
  if (kind === 'date' && typeof value === 'number') return new Date(value * 86_400_000).toISOString().slice(0, 10);
  return value;
}

export class ChangeEventDecoder {
  private readonly decoders = new Map<string, Decoder>();

  constructor(private readonly fetchSchema: (schemaId: string) => Promise<string>) {}

  async decode(schemaId: string, payload: Buffer, replayId: bigint): Promise<DecodedChange> {
    let decoder = this.decoders.get(schemaId);
    if (decoder === undefined) {
      decoder = decoderOf(await this.fetchSchema(schemaId));
      this.decoders.set(schemaId, decoder);
    }
    const record = decoder.type.fromBuffer(payload) as Record<string, unknown> & { ChangeEventHeader: Header };
    const header = record.ChangeEventHeader;
    const changed = expandBitmap(decoder, header.changedFields);
    const nulled = expandBitmap(decoder, header.nulledFields);
    const fields: Record<string, unknown> = {};
    for (const f of decoder.fields.slice(1)) {
      const value = record[f.name];
      if (f.parts !== null && typeof value === 'object' && value !== null)
        for (const part of f.parts) {
          const partValue = (value as Record<string, unknown>)[part];
          if (partValue !== null && partValue !== undefined) fields[part] = partValue;
        }
      else if (value !== null && value !== undefined) fields[f.name] = restValue(f.kind, value);
    }
    for (const name of nulled) fields[name] = null;
    return {
      replayId,
      entity: header.entityName,
      recordIds: header.recordIds,
      changeType: header.changeType,
      transactionKey: header.transactionKey,
      sequenceNumber: header.sequenceNumber,
      commitTimestamp: header.commitTimestamp,
      commitUser: header.commitUser,
      changedFields: changed,
      nulledFields: nulled,
      fields,
    };
  }
}
