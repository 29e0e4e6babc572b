import type { Queryable } from './db';
import { toInstant } from './instant';

export type Audience = 'sales' | 'marketing';

export interface ShareLink {
  readonly id: number;
  /** The team the link was made for: its questionnaire answers count for that team. */
  readonly audience: Audience | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
}

interface Row {
  [column: string]: unknown;
  id: string | number;
  audience: Audience | null;
  created_at: unknown;
  expires_at: unknown;
  revoked_at: unknown;
}

const COLUMNS = 'id, audience, created_at, expires_at, revoked_at';

function link(row: Row): ShareLink {
  return {
    id: Number(row.id),
    audience: row.audience,
    createdAt: toInstant(row.created_at) ?? 0,
    expiresAt: toInstant(row.expires_at) ?? 0,
    revokedAt: toInstant(row.revoked_at),
  };
}

const iso = (instant: number): string => new Date(instant).toISOString();

export async function insertShareLink(
  db: Queryable,
  input: { tokenSha256: string; audience: Audience | null; createdAt: number; expiresAt: number },
): Promise<ShareLink> {
  const saved = await db.query<Row>(
    `INSERT INTO shared_links (token_sha256, audience, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [input.tokenSha256, input.audience, iso(input.createdAt), iso(input.expiresAt)],
  );
  const row = saved.rows[0];
  if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
  return link(row);
}

/** The link of a token's hash, whether or not it is still open. */
export async function findShareLink(db: Queryable, tokenSha256: string): Promise<ShareLink | undefined> {
  const found = await db.query<Row>(`SELECT ${COLUMNS} FROM shared_links WHERE token_sha256 = $1`, [tokenSha256]);
  const row = found.rows[0];
  return row === undefined ? undefined : link(row);
}

export async function listShareLinks(db: Queryable): Promise<ShareLink[]> {
  const found = await db.query<Row>(`SELECT ${COLUMNS} FROM shared_links ORDER BY id`);
  return found.rows.map(link);
}

/** Revokes a link still open; false when there is no such link or it was already revoked. */
export async function revokeShareLink(db: Queryable, id: number, now: number): Promise<boolean> {
  const updated = await db.query<{ id: string }>(
    'UPDATE shared_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id, iso(now)],
  );
  return updated.rows.length === 1;
}
