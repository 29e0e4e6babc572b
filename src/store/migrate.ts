import { createHash } from 'node:crypto';
import { LeadpactError } from '../shared/errors';
import type { Db, Queryable } from './db';
import { MIGRATIONS, type Migration } from './migrations';

// Any constant works; it only has to be the same in every leadpact process sharing a database.
const MIGRATION_LOCK = 74_820_311;

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly current: number;
}

/**
 * Applies the pending migrations in one transaction under an advisory lock, so two processes
 * starting together never apply the same migration twice: the second waits, then finds nothing to do.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await tx.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const known = new Map(done.rows.map((row) => [row.version, row.checksum]));
    const applied: string[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      const previous = known.get(migration.version);
      if (previous !== undefined) {
        if (previous !== checksum) throw changedMigration(migration);
        continue;
      }
      await applyOne(tx, migration, checksum);
      applied.push(`${migration.version}-${migration.name}`);
    }
    const current = Math.max(0, ...migrations.map((m) => m.version));
    return { applied, current };
  });
}

async function applyOne(tx: Queryable, migration: Migration, checksum: string): Promise<void> {
  try {
    await tx.exec(migration.sql);
  } catch (error) {
    throw new LeadpactError('MIGRATION_FAILED', `migration ${migration.version}-${migration.name} failed`, {
      cause: error,
    });
  }
  await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
    migration.version,
    migration.name,
    checksum,
  ]);
}

function changedMigration(migration: Migration): LeadpactError {
  return new LeadpactError(
    'MIGRATION_FAILED',
    `migration ${migration.version}-${migration.name} was changed after it was applied; add a new migration instead`,
  );
}
