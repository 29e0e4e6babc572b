import { badRequest } from './reply';
import type { FieldDef } from './schema/field';
import type { ObjectSchema } from './schema/registry';
import type { Row } from './store';
import { toApiValue } from './schema/values';

export function recordUrl(version: string, object: string, id: string): string {
  return `/services/data/v${version}/sobjects/${object}/${id}`;
}

/**
 * The fields a caller named (a `fields` parameter), resolved case-insensitively; an unknown name
 * is INVALID_FIELD. Without names, every field of the object.
 */
export function selectFields(schema: ObjectSchema, names: readonly string[] | undefined): readonly FieldDef[] {
  if (names === undefined) return schema.fields;
  return names.map((name) => {
    const field = schema.field(name.trim());
    if (field === undefined)
      throw badRequest(
        'INVALID_FIELD',
        `No such column '${name.trim()}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    return field;
  });
}

/** A record as GET /sobjects/{type}/{id} returns it: attributes, then the fields. */
export function recordView(
  version: string,
  schema: ObjectSchema,
  row: Row,
  fields: readonly FieldDef[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: schema.name, url: recordUrl(version, schema.name, String(row['Id'])) },
  };
  for (const field of fields) out[field.name] = toApiValue(field, row[field.name]);
  return out;
}

/** A comma-separated `fields` parameter, or undefined when absent. */
export function fieldsParam(value: string | null): string[] | undefined {
  return value === null || value.trim() === '' ? undefined : value.split(',').filter((name) => name.trim() !== '');
}
