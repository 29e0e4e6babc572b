import type { SchemaRegistry } from '../schema/registry';
import type { Row, Value } from '../schema/values';
import type { AutoAssign } from './assignment';

/** What a REST request asks of the org's rules through its headers. */
export interface RuleRequest {
  readonly autoAssign: AutoAssign;
  readonly allowSave: boolean;
  readonly version: string;
}

/** What the rules see of the org: its data model and its records. */
export interface RulesOrg {
  readonly registry: SchemaRegistry;
  readonly store: {
    rows(object: string): Row[];
    get(object: string, id: string): Row | undefined;
    lookup(object: string, field: string, value: Value, caseSensitive: boolean): string[];
    put(object: string, row: Row): void;
  };
  readonly ids: { next(prefix: string): string };
  readonly now: () => number;
}

/** One save as the rules see it: the record as it would be saved, before it, and what the save set. */
export interface Save {
  readonly object: string;
  readonly record: Record<string, Value>;
  readonly before: Row | undefined;
  readonly changed: ReadonlySet<string>;
}

/** Keeps one setup row per wanted values, by `key`; rows no longer wanted take `retired`. */
export type SyncRows = (
  org: RulesOrg,
  object: string,
  key: string,
  wanted: readonly Readonly<Record<string, Value>>[],
  retired: Readonly<Record<string, Value>>,
) => void;

/** A record-level error of a SaveResult, as the routes answer it (reply.ts RecordError, same shape). */
export interface RecordError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

export function recordError(statusCode: string, message: string, fields: readonly string[] = []): RecordError {
  return { statusCode, message, fields };
}
