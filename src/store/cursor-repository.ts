import type { Queryable } from './db';

/** Where each incremental read stopped (per CRM and object), stored as JSON. */
export interface CursorRepository {
  get(name: string): Promise<unknown>;
  set(name: string, value: unknown): Promise<void>;
  all(): Promise<Record<string, unknown>>;
}

export function createCursorRepository(db: Queryable): CursorRepository {
  return {
    async get(name) {
      const result = await db.query<{ value: unknown }>('SELECT value FROM sync_cursors WHERE name = $1', [name]);
      return result.rows[0]?.value ?? null;
    },
    async set(name, value) {
      await db.query(
        `INSERT INTO sync_cursors (name, value, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [name, JSON.stringify(value)],
      );
    },
    async all() {
      const result = await db.query<{ name: string; value: unknown }>(
        'SELECT name, value FROM sync_cursors ORDER BY name',
      );
      return Object.fromEntries(result.rows.map((row) => [row.name, row.value]));
    },
  };
}
