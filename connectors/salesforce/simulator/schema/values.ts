import type { FieldDef } from './field';

/** Internal values: datetimes as epoch milliseconds, dates as YYYY-MM-DD, the rest as the API has them. */
export type Value = string | number | boolean | null;
export type Row = Readonly<Record<string, Value>>;

/**
 * Conversions between JSON values and stored values. A value the REST API's JSON deserializer would
 * refuse (an object for a text field, letters for a number) fails the whole request with
 * JSON_PARSER_ERROR, as on the platform; range and format checks come later, per record.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;

/** REST API datetime output, e.g. 2024-01-15T10:30:00.000+0000. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function parseDate(text: string): string | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  return validCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? text : undefined;
}

/** Epoch ms of an ISO 8601 datetime with a zone (Z or ±hh:mm / ±hhmm), or undefined. */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  if (!validCalendarDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return undefined;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  if (zone === undefined || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

export type Coerced = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly expected: string };

function coerceNumber(raw: unknown, integer: boolean): Coerced {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, expected: integer ? 'int' : 'double' };
  return { ok: true, value: integer ? Math.trunc(value) : value };
}

function coerceBoolean(raw: unknown): Coerced {
  if (raw === null) return { ok: true, value: false };
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
  return { ok: false, expected: 'boolean' };
}

function coerceTemporal(raw: unknown, type: 'date' | 'datetime'): Coerced {
  if (type === 'datetime' && typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: raw };
  if (typeof raw !== 'string') return { ok: false, expected: type };
  if (type === 'date') {
    const value = parseDate(raw.slice(0, 10));
    return value === undefined || (raw.length > 10 && parseDateTime(raw) === undefined)
      ? { ok: false, expected: 'date' }
      : { ok: true, value };
  }
  const day = parseDate(raw);
  const value = day === undefined ? parseDateTime(raw) : Date.parse(`${day}T00:00:00Z`);
  return value === undefined ? { ok: false, expected: 'datetime' } : { ok: true, value };
}

/** A JSON value as the field stores it, or the type the deserializer expected. */
export function coerce(field: FieldDef, raw: unknown): Coerced {
  if (raw === null && field.type !== 'boolean') return { ok: true, value: null };
  switch (field.type) {
    case 'boolean':
      return coerceBoolean(raw);
    case 'int':
      return coerceNumber(raw, true);
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(raw, false);
    case 'date':
    case 'datetime':
      return coerceTemporal(raw, field.type);
    case 'complexvalue':
      return { ok: false, expected: 'a field the REST API cannot write' };
    case 'id':
    case 'reference':
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
      return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
        ? { ok: true, value: String(raw) }
        : { ok: false, expected: 'String' };
  }
}

/** A stored value as the REST API returns it. */
export function toApiValue(field: FieldDef | undefined, value: Value | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (field?.type === 'datetime' && typeof value === 'number') return formatDateTime(value);
  return value;
}
