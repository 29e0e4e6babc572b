/** The SOQL subset's syntax tree. */

export interface FieldPath {
  /** Owner.Email → ['Owner', 'Email']. */
  readonly path: readonly string[];
  readonly offset: number;
}

export type SelectItem =
  | { readonly kind: 'field'; readonly field: FieldPath }
  /** COUNT() when field is undefined; COUNT(Id) [alias] otherwise. */
  | {
      readonly kind: 'count';
      readonly field: FieldPath | undefined;
      readonly alias: string | undefined;
      readonly offset: number;
    }
  /** (SELECT ... FROM ChildRelationship ...): a parent row's child records, nested in the result. */
  | { readonly kind: 'subquery'; readonly query: SoqlQuery; readonly offset: number };

export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'datetime'; readonly value: number }
  /** TODAY, YESTERDAY, LAST_N_DAYS:n ...: a range of whole days. */
  | { readonly kind: 'dateRange'; readonly name: string; readonly n: number | undefined };

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly inner: Condition }
  | {
      readonly kind: 'compare';
      readonly field: FieldPath;
      readonly op: CompareOp;
      readonly value: Literal;
      readonly offset: number;
    }
  | {
      readonly kind: 'in';
      readonly field: FieldPath;
      readonly negated: boolean;
      readonly values: readonly Literal[];
      readonly offset: number;
    }
  | { readonly kind: 'like'; readonly field: FieldPath; readonly pattern: string; readonly offset: number };

export interface OrderItem {
  readonly field: FieldPath;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls: 'FIRST' | 'LAST';
}

export interface SoqlQuery {
  readonly select: readonly SelectItem[];
  readonly object: { readonly name: string; readonly offset: number };
  readonly where: Condition | undefined;
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  /** FOR VIEW / FOR REFERENCE on the outer query. */
  readonly usage: 'VIEW' | 'REFERENCE' | undefined;
}
