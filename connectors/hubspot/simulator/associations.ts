import type { StandardObjectType } from './property-model';

export interface AssociationEdge {
  readonly fromType: StandardObjectType;
  readonly fromId: string;
  readonly toType: StandardObjectType;
  readonly toId: string;
  readonly typeId: number;
  readonly category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
}

interface PairTypes {
  readonly unlabeled: number;
  readonly inverse: number;
  readonly primary?: number;
  readonly primaryInverse?: number;
}

/**
 * HubSpot-defined association type ids (https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4):
 * contact→company 279 (primary 1), contact→deal 4, company→deal 342 (primary 6), and their inverses.
 */
const PAIRS: ReadonlyMap<string, PairTypes> = new Map([
  ['contacts>companies', { unlabeled: 279, inverse: 280, primary: 1, primaryInverse: 2 }],
  ['contacts>deals', { unlabeled: 4, inverse: 3 }],
  ['companies>deals', { unlabeled: 342, inverse: 341, primary: 6, primaryInverse: 5 }],
]);

export function associationTypes(
  fromType: StandardObjectType,
  toType: StandardObjectType,
):
  | { readonly unlabeled: number; readonly inverseOf: (typeId: number) => number; readonly primary: number | undefined }
  | undefined {
  const forward = PAIRS.get(`${fromType}>${toType}`);
  if (forward !== undefined) {
    return {
      unlabeled: forward.unlabeled,
      primary: forward.primary,
      inverseOf: (id) => (id === forward.primary ? (forward.primaryInverse ?? forward.inverse) : forward.inverse),
    };
  }
  const backward = PAIRS.get(`${toType}>${fromType}`);
  if (backward === undefined) return undefined;
  return {
    unlabeled: backward.inverse,
    primary: backward.primaryInverse,
    inverseOf: (id) => (id === backward.primaryInverse ? (backward.primary ?? backward.unlabeled) : backward.unlabeled),
  };
}

/** A custom association label between two object types (USER_DEFINED). */
export interface CustomLabel {
  readonly fromType: StandardObjectType;
  readonly toType: StandardObjectType;
  readonly typeId: number;
  readonly name: string;
  readonly label: string;
}

// Custom labels get type ids above HubSpot's own (the associations v4 guide's examples use 36, 1xx for custom).
const FIRST_CUSTOM_TYPE_ID = 1001;

/** Associations in both directions, as HubSpot keeps them, and the custom labels of each object pair. */
export class AssociationStore {
  private edges: AssociationEdge[] = [];
  private labels: CustomLabel[] = [];
  private nextTypeId = FIRST_CUSTOM_TYPE_ID;

  reset(): void {
    this.edges = [];
    this.labels = [];
    this.nextTypeId = FIRST_CUSTOM_TYPE_ID;
  }

  /** Defines a label and its inverse type (the pair read the other way), answering the forward one. */
  addLabel(fromType: StandardObjectType, toType: StandardObjectType, name: string, label: string): CustomLabel {
    const forward = { fromType, toType, typeId: this.nextTypeId++, name, label };
    this.labels.push(forward, { fromType: toType, toType: fromType, typeId: this.nextTypeId++, name, label });
    return forward;
  }

  labelsOf(fromType: StandardObjectType, toType: StandardObjectType): CustomLabel[] {
    return this.labels.filter((l) => l.fromType === fromType && l.toType === toType);
  }

  label(typeId: number): CustomLabel | undefined {
    return this.labels.find((l) => l.typeId === typeId);
  }

  /** The label and its inverse: same name, the pair read both ways. */
  private pairOf(found: CustomLabel): (l: CustomLabel) => boolean {
    return (l) =>
      l.name === found.name &&
      ((l.fromType === found.fromType && l.toType === found.toType) ||
        (l.fromType === found.toType && l.toType === found.fromType));
  }

  relabel(typeId: number, label: string): boolean {
    const found = this.label(typeId);
    if (found === undefined) return false;
    const same = this.pairOf(found);
    this.labels = this.labels.map((l) => (same(l) ? { ...l, label } : l));
    return true;
  }

  /** Deletes a label with its inverse, and every association of those types. */
  removeLabel(typeId: number): boolean {
    const found = this.label(typeId);
    if (found === undefined) return false;
    const same = this.pairOf(found);
    const gone = new Set(this.labels.filter(same).map((l) => l.typeId));
    this.labels = this.labels.filter((l) => !same(l));
    this.edges = this.edges.filter((edge) => !gone.has(edge.typeId));
    return true;
  }

  /** Removes the edges of one type between two records, and their inverses. */
  removeTyped(
    from: { type: StandardObjectType; id: string },
    to: { type: StandardObjectType; id: string },
    typeId: number,
  ): number {
    const removed = this.edges.filter(
      (e) =>
        e.fromType === from.type &&
        e.fromId === from.id &&
        e.toType === to.type &&
        e.toId === to.id &&
        e.typeId === typeId,
    );
    const inverseOf = (e: AssociationEdge) =>
      this.edges.find(
        (i) => i.fromId === e.toId && i.toId === e.fromId && i.fromType === e.toType && i.toType === e.fromType,
      );
    const drop = new Set(removed.flatMap((e) => [e, inverseOf(e)]));
    this.edges = this.edges.filter((e) => !drop.has(e));
    return removed.length;
  }

  /** Adds the edge and its inverse; false when it already existed. */
  add(edge: AssociationEdge): boolean {
    if (this.edges.some((existing) => sameEdge(existing, edge))) return false;
    const types = associationTypes(edge.fromType, edge.toType);
    const inverseId = types?.inverseOf(edge.typeId) ?? edge.typeId;
    this.edges.push(edge, {
      fromType: edge.toType,
      fromId: edge.toId,
      toType: edge.fromType,
      toId: edge.fromId,
      typeId: inverseId,
      category: edge.category,
    });
    return true;
  }

  /** Removes every edge between the two records, both ways; returns the forward edges removed. */
  remove(fromType: StandardObjectType, fromId: string, toType: StandardObjectType, toId: string): AssociationEdge[] {
    const between = (edge: AssociationEdge): boolean =>
      (edge.fromType === fromType && edge.fromId === fromId && edge.toType === toType && edge.toId === toId) ||
      (edge.fromType === toType && edge.fromId === toId && edge.toType === fromType && edge.toId === fromId);
    const removed = this.edges.filter((edge) => between(edge) && edge.fromId === fromId);
    this.edges = this.edges.filter((edge) => !between(edge));
    return removed;
  }

  /** Drops every association of a record, both ways. */
  forget(type: StandardObjectType, id: string): void {
    this.edges = this.edges.filter(
      (edge) => !(edge.fromType === type && edge.fromId === id) && !(edge.toType === type && edge.toId === id),
    );
  }

  list(fromType: StandardObjectType, fromId: string, toType: StandardObjectType): AssociationEdge[] {
    return this.edges.filter((edge) => edge.fromType === fromType && edge.fromId === fromId && edge.toType === toType);
  }

  /** After a merge every association of the old records belongs to the new one. */
  moveAll(type: StandardObjectType, oldIds: readonly string[], newId: string): void {
    const moved = this.edges.map((edge) => ({
      ...edge,
      fromId: edge.fromType === type && oldIds.includes(edge.fromId) ? newId : edge.fromId,
      toId: edge.toType === type && oldIds.includes(edge.toId) ? newId : edge.toId,
    }));
    this.edges = moved.filter((edge, index) => moved.findIndex((other) => sameEdge(other, edge)) === index);
  }
}

function sameEdge(a: AssociationEdge, b: AssociationEdge): boolean {
  return (
    a.fromType === b.fromType &&
    a.fromId === b.fromId &&
    a.toType === b.toType &&
    a.toId === b.toId &&
    a.typeId === b.typeId
  );
}
