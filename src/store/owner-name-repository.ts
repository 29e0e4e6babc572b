import type { Queryable } from './db';
import { toInstant, type Instant } from './instant';

/** A lead owner as the org last described it: a User or a queue (a Group of type Queue). */
export interface OwnerName {
  readonly id: string;
  readonly kind: 'user' | 'queue';
  /** Null when Salesforce has no such user or queue (deleted, or never one). */
  readonly name: string | null;
  /** Users only: whether the user can still log in; null for queues and unknown ids. */
  readonly active: boolean | null;
}

export interface StoredOwnerName extends OwnerName {
  readonly readAt: Instant;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export interface OwnerNameRepository {
  /** Every owner name read so far (a few hundred users at most in an org that uses leadpact). */
  all(): Promise<readonly StoredOwnerName[]>;
  /** One owner's stored name; null when it was never read. */
  find(id: string): Promise<StoredOwnerName | null>;
  /**
   * The owner ids of leads that have no name yet, or whose name was read before `staleBefore`,
   * at most `limit`: what the next refresh reads from Salesforce.
   */
  toRead(staleBefore: Instant, limit: number): Promise<readonly string[]>;
  save(names: readonly OwnerName[], at: Instant): Promise<void>;
  instanceUrl(): Promise<string | null>;
  saveInstanceUrl(url: string, at: Instant): Promise<void>;
}

const SELECT = 'SELECT id, kind, name, active, read_at FROM owner_names';

function toOwnerName(row: Readonly<Record<string, unknown>>): StoredOwnerName {
  return {
    id: String(row.id),
    kind: row.kind === 'queue' ? 'queue' : 'user',
    name: typeof row.name === 'string' ? row.name : null,
    active: typeof row.active === 'boolean' ? row.active : null,
    readAt: toInstant(row.read_at) ?? 0,
  };
}

export function createOwnerNameRepository(db: Queryable): OwnerNameRepository {
  return {
    async all() {
      const result = await db.query(`${SELECT} ORDER BY id`);
      return result.rows.map(toOwnerName);
    },
    async find(id) {
      const result = await db.query(`${SELECT} WHERE id = $1`, [id]);
      const [row] = result.rows;
      return row === undefined ? null : toOwnerName(row);
    },
    async toRead(staleBefore, limit) {
      const result = await db.query<{ id: string }>(
        `SELECT owners.id FROM (SELECT DISTINCT owner_id AS id FROM leads WHERE owner_id IS NOT NULL) owners
         LEFT JOIN owner_names known ON known.id = owners.id
         WHERE known.id IS NULL OR known.read_at < $1
         ORDER BY known.read_at NULLS FIRST, owners.id LIMIT $2`,
        [iso(staleBefore), limit],
      );
      return result.rows.map((row) => row.id);
    },
    async save(names, at) {
      if (names.length === 0) return;
      await db.query(
        `INSERT INTO owner_names (id, kind, name, active, read_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], array_fill($5::timestamptz, ARRAY[$6::int]))
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, active = excluded.active, read_at = excluded.read_at`,
        [
          names.map((n) => n.id),
          names.map((n) => n.kind),
          names.map((n) => n.name),
          names.map((n) => n.active),
          iso(at),
          names.length,
        ],
      );
    },
    async instanceUrl() {
      const result = await db.query<{ instance_url: string }>('SELECT instance_url FROM salesforce_org');
      return result.rows[0]?.instance_url ?? null;
    },
    async saveInstanceUrl(url, at) {
      await db.query(
        `INSERT INTO salesforce_org (only_row, instance_url, read_at) VALUES (true, $1, $2)
         ON CONFLICT (only_row) DO UPDATE SET instance_url = excluded.instance_url, read_at = excluded.read_at`,
        [url, iso(at)],
      );
    },
  };
}
