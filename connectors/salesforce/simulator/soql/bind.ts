import type { FieldDef } from '../schema/field';
import type { FieldPath } from './ast';
import { SoqlError, type CatalogObject, type SoqlCatalog, type SoqlRow } from './catalog';

/** A field path resolved against the data model: the references to follow, then the field to read. */
export interface BoundPath {
  readonly hops: readonly { readonly field: FieldDef; readonly polymorphic: boolean }[];
  readonly leaf: FieldDef;
  /** Canonical names for output: relationship names, then the leaf field name. */
  readonly names: readonly string[];
}

// Fields every target of a polymorphic relationship (Owner, Who, What) exposes through the "Name" object.
const POLYMORPHIC_FIELDS = new Set([
  'id',
  'name',
  'email',
  'firstname',
  'lastname',
  'type',
  'alias',
  'username',
  'isactive',
  'title',
]);

function noSuchColumn(name: string, object: string, offset: number): SoqlError {
  return new SoqlError(
    'INVALID_FIELD',
    `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    offset,
  );
}

function relationshipTarget(catalog: SoqlCatalog, field: FieldDef, next: string, offset: number): CatalogObject {
  const candidates = field.referenceTo
    .map((name) => catalog.object(name))
    .filter((o): o is CatalogObject => o !== undefined);
  const target = candidates.find(
    (candidate) => candidate.field(next) !== undefined || candidate.relationship(next) !== undefined,
  );
  if (target === undefined || (field.referenceTo.length > 1 && !POLYMORPHIC_FIELDS.has(next.toLowerCase()))) {
    throw noSuchColumn(next, field.referenceTo.length > 1 ? 'Name' : (candidates[0]?.name ?? field.name), offset);
  }
  return target;
}

export function bindPath(catalog: SoqlCatalog, root: CatalogObject, path: FieldPath): BoundPath {
  let current = root;
  const hops: BoundPath['hops'][number][] = [];
  const names: string[] = [];
  for (let i = 0; i < path.path.length - 1; i += 1) {
    const segment = path.path[i] ?? '';
    const field = current.relationship(segment);
    if (field === undefined || field.relationshipName === null) {
      throw new SoqlError(
        'INVALID_FIELD',
        `Didn't understand relationship '${segment}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        path.offset,
      );
    }
    hops.push({ field, polymorphic: field.referenceTo.length > 1 });
    names.push(field.relationshipName);
    current = relationshipTarget(catalog, field, path.path[i + 1] ?? '', path.offset);
  }
  const leafName = path.path[path.path.length - 1] ?? '';
  const leaf = current.field(leafName);
  if (leaf === undefined) throw noSuchColumn(leafName, current.name, path.offset);
  return { hops, leaf, names: [...names, leaf.name] };
}

/** The row a path's last hop lands on (undefined when a reference on the way is empty). */
export function followPath(catalog: SoqlCatalog, row: SoqlRow, bound: BoundPath): SoqlRow | undefined {
  let current: SoqlRow | undefined = row;
  for (const hop of bound.hops) {
    const id: unknown = current[hop.field.name];
    if (typeof id !== 'string' || id === '') return undefined;
    current = catalog.resolve(id)?.row;
    if (current === undefined) return undefined;
  }
  return current;
}

export function readPath(catalog: SoqlCatalog, row: SoqlRow, bound: BoundPath): unknown {
  const target = followPath(catalog, row, bound);
  return target === undefined ? null : (target[bound.leaf.name] ?? null);
}
