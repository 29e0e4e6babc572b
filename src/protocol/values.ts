import { DateTime } from 'luxon';
import type { FieldValue } from '../shared/crm-port';

export type { FieldValue } from '../shared/crm-port';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const EPOCH_MS = /^-?\d{10,16}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** True for an absent, null or blank value: HubSpot returns '' and null alike for "not set". */
export function isBlank(value: FieldValue | undefined): value is null | undefined | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * An instant from a property value: HubSpot datetimes arrive as epoch-ms strings or ISO text,
 * HubSpot dates and Salesforce Date fields as YYYY-MM-DD (taken as UTC midnight).
 */
export function parseInstant(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (EPOCH_MS.test(text)) return Number(text);
  const parsed = DATE_ONLY.test(text)
    ? DateTime.fromISO(text, { zone: 'utc' })
    : DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

export function parseNumber(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !NUMERIC.test(value.trim())) return null;
  return Number(value.trim());
}

export function isTrue(value: FieldValue | undefined): boolean {
  return value === true || (typeof value === 'string' && ['true', '1', 'yes'].includes(value.trim().toLowerCase()));
}

function booleanLike(value: FieldValue): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

/**
 * Whether two values mean the same, across the ways the CRMs echo what we wrote: "42" for 42,
 * "true" for true, "2026-03-02T14:00:00.000+0000" (Salesforce) for "2026-03-02T14:00:00.000Z".
 */
export function sameFieldValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (String(a) === String(b)) return true;
  const [numberA, numberB] = [parseNumber(a), parseNumber(b)];
  if (numberA !== null && numberB !== null) return numberA === numberB;
  const [boolA, boolB] = [booleanLike(a), booleanLike(b)];
  if (boolA !== null && boolB !== null) return boolA === boolB;
  if (String(a).includes('T') && String(b).includes('T')) {
    const [instantA, instantB] = [parseInstant(a), parseInstant(b)];
    return instantA !== null && instantA === instantB;
  }
  return false;
}

/** An instant as Salesforce DateTime fields take it. */
export function isoInstant(ms: number): string {
  const text = DateTime.fromMillis(ms, { zone: 'utc' }).toISO();
  if (text === null) throw new RangeError(`not an instant: ${ms}`);
  return text;
}

/** The UTC calendar date of an instant, YYYY-MM-DD, for stable wording. */
export function isoDay(ms: number): string {
  return isoInstant(ms).slice(0, 10);
}

/**
 * An instant as the people of a territory read it, in its calendar's time zone, e.g.
 * "Tue 3 Mar, 10:00 (Europe/Berlin)"; the year only when it is not the year of `now`.
 */
export function localTime(ms: number, timeZone: string, now: number = ms): string {
  const local = DateTime.fromMillis(ms, { zone: timeZone, locale: 'en-GB' });
  const sameYear = local.year === DateTime.fromMillis(now, { zone: timeZone }).year;
  return `${local.toFormat(sameYear ? 'ccc d LLL, HH:mm' : 'ccc d LLL yyyy, HH:mm')} (${timeZone})`;
}
