/** Instants are epoch milliseconds, as everywhere in leadpact's core. */
export type Instant = number;

/** A timestamptz as pg (Date) or PGlite (Date or text) returns it, as epoch milliseconds. */
export function toInstant(value: unknown): Instant | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' ? Date.parse(value) : Number(value);
}
