import type { Db, Queryable } from '../../src/store';

/** Statements a process sent to Postgres, by kind (the SQL's first word), and the transactions it opened. */
export interface StatementCounts {
  readonly byKind: Readonly<Record<string, number>>;
  /** By the statement's first 80 characters: which code sends the most. */
  readonly bySql: Readonly<Record<string, number>>;
  readonly transactions: number;
}

/**
 * Wraps a Db so every statement it sends is counted: how many round trips an event costs the
 * ledger, as pg_stat_statements would tell (it needs shared_preload_libraries, which a shared
 * Postgres may not have). BEGIN and COMMIT of a transaction count as two statements more.
 */
export function countedDb(db: Db): { db: Db; counts(): StatementCounts } {
  const byKind: Record<string, number> = {};
  const bySql: Record<string, number> = {};
  let transactions = 0;
  const count = (sql: string) => {
    const text = sql.trim().replace(/\s+/g, ' ');
    const kind = (/^\(?\s*(\w+)/.exec(text)?.[1] ?? 'other').toUpperCase();
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const key = text.slice(0, 80);
    bySql[key] = (bySql[key] ?? 0) + 1;
  };
  const counted = (target: Queryable): Queryable => ({
    query: (sql, params) => {
      count(sql);
      return target.query(sql, params);
    },
    exec: (sql) => {
      count(sql);
      return target.exec(sql);
    },
  });
  const wrapped: Db = {
    ...counted(db),
    kind: db.kind,
    transaction: (fn) => {
      transactions++;
      byKind['BEGIN/COMMIT'] = (byKind['BEGIN/COMMIT'] ?? 0) + 2;
      return db.transaction((tx) => fn(counted(tx)));
    },
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return { db: wrapped, counts: () => ({ byKind: { ...byKind }, bySql: { ...bySql }, transactions }) };
}
