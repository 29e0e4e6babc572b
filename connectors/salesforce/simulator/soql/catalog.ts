import type { FieldDef } from '../schema/field';

/** A row as the query engine reads it: field name → stored value. */
export type SoqlRow = Readonly<Record<string, unknown>>;

export interface CatalogObject {
  readonly name: string;
  field(name: string): FieldDef | undefined;
  relationship(name: string): FieldDef | undefined;
}

/** What a query runs against: the REST data model, or the Tooling API's metadata objects. */
export interface SoqlCatalog {
  object(name: string): CatalogObject | undefined;
  rows(object: string, includeDeleted: boolean): readonly SoqlRow[];
  /** The record an id refers to, for relationship paths such as Owner.Email. */
  resolve(id: string): { readonly object: string; readonly row: SoqlRow } | undefined;
  now(): number;
  /** The child object and its reference field behind a parent's child relationship (Account → Contacts). */
  childRelationship?(
    parent: string,
    name: string,
  ): { readonly name: string; readonly object: string; readonly field: string } | undefined;
}

/** A query refused with the REST API's error code (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE...). */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    /** Where in the query text, when the platform would point at it. */
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}
