/**
 * SOQL literals built from values, never by pasting raw input into a query.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 */

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function escape(value: string): string {
  return value.replace(/[\\'"\n\r\t\b\f]/g, (char) => STRING_ESCAPES[char] ?? char);
}

export function soqlString(value: string): string {
  return `'${escape(value)}'`;
}

/** A LIKE pattern matching `value` anywhere: its own % and _ are escaped. */
export function soqlContains(value: string): string {
  return `'%${escape(value).replace(/[%_]/g, (char) => `\\${char}`)}%'`;
}

export function soqlList(values: readonly string[]): string {
  return `(${values.map(soqlString).join(', ')})`;
}

/** A dateTime literal at whole seconds (SystemModstamp has no finer precision), UTC. */
export function soqlDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
