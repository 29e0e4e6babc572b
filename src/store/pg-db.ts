import pg from 'pg';
import type { Logger } from '../shared/logger';
import type { Db, QueryResult, Queryable, Row } from './db';

export interface PgDbOptions {
  readonly connectionString: string;
  /** Every connection uses this schema (created if missing): one per test, or per tenant. */
  readonly schema?: string;
  readonly maxConnections?: number;
  readonly logger: Logger;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** PostgreSQL through a pg pool. A lost connection is replaced on the next query. */
export async function createPgDb(options: PgDbOptions): Promise<Db> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new TypeError(`schema name must match ${SCHEMA_NAME.source}`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection. pg hangs the whole client on
  // the error (settings, type tables: kilobytes a line), so only what says why is logged.
  pool.on('error', (error: Error & { code?: unknown }) =>
    options.logger.warn(
      { err: { message: error.message, code: typeof error.code === 'string' ? error.code : undefined } },
      'idle database connection lost',
    ),
  );
  if (options.schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);

  const run = async <R extends Row>(
    target: pg.Pool | pg.PoolClient,
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<R>> => {
    const result = await target.query<R>(sql, params === undefined ? undefined : [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };

  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // The pool listens for errors on idle clients only. A connection cut between two statements
      // of a transaction is emitted on the client we hold: without a listener it would end the process.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/** Drops a schema made by createPgDb; for tests that clean up after themselves. */
export async function dropPgSchema(connectionString: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`schema name must match ${SCHEMA_NAME.source}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
