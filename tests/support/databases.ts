import { randomBytes } from 'node:crypto';
import { dropPgSchema } from '../../src/store/pg-db';
import { createPgDb } from '../../src/store/pg-db';
import { createPgliteDb } from '../../src/store/pglite-db';
import type { Db } from '../../src/store/db';
import { silentLogger } from '../../src/shared/logger';

/** The real PostgreSQL the machine runs (trust auth), overridable for other setups. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly db: Db;
  readonly schema: string | undefined;
  /** Another connection to the same database (a second process, as far as the server knows). */
  reopen(): Promise<Db>;
  dispose(): Promise<void>;
}

export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A fresh, empty database of the given kind: its own schema on Postgres, in-memory PGlite. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await createPgliteDb(undefined);
    return { db, schema: undefined, reopen: () => Promise.resolve(db), dispose: () => db.close() };
  }
  const schema = uniqueSchema();
  const open = () =>
    createPgDb({ connectionString: TEST_DATABASE_URL, schema, logger: silentLogger(), maxConnections: 12 });
  const db = await open();
  const others: Db[] = [];
  return {
    db,
    schema,
    reopen: async () => {
      const other = await open();
      others.push(other);
      return other;
    },
    dispose: async () => {
      await Promise.all([db, ...others].map((d) => d.close()));
      await dropPgSchema(TEST_DATABASE_URL, schema);
    },
  };
}
