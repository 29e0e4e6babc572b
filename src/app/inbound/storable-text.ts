/** A UTF-16 surrogate without its partner: not a character, and refused by PostgreSQL's jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * CRM text as the ledger can hold it. PostgreSQL refuses U+0000 in text and jsonb and a lone
 * surrogate in jsonb (https://www.postgresql.org/docs/current/datatype-json.html), and one lead's
 * decision is saved with the whole batch's: a single such value in a contact would fail every lead
 * of its batch, again at each retry. The NUL is dropped; a lone surrogate becomes U+FFFD, as a
 * UTF-8 encoder would make it anyway.
 */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the NUL is exactly what must go
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Every key and text value of a record of CRM values, storable. */
export function storableValues<V>(values: Readonly<Record<string, V>>): Record<string, V | string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      storableText(name),
      typeof value === 'string' ? storableText(value) : value,
    ]),
  );
}
