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

/** Associations in both directions, as HubSpot keeps them. */
export class AssociationStore {
  private edges: AssociationEdge[] = [];

  reset(): void {
    this.edges = [];
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
