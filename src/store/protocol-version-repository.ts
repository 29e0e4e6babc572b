import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../shared/result';
import type { Queryable } from './db';
import { toInstant, type Instant } from './instant';

export interface ProtocolVersionRecord {
  readonly version: string;
  readonly checksum: string;
  readonly content: string;
  readonly marketingOwner: string;
  readonly salesOwner: string;
  readonly activatedAt: Instant;
}

export interface ProtocolVersionInput {
  readonly version: string;
  readonly content: string;
  readonly marketingOwner: string;
  readonly salesOwner: string;
}

export interface ProtocolVersionRepository {
  /**
   * Records a version the first time it goes live. The same version with the same text is a
   * no-op; the same version with different text is refused, so a version name always means one text.
   */
  record(
    input: ProtocolVersionInput,
  ): Promise<Result<ProtocolVersionRecord, { kind: 'version_reused'; version: string }>>;
  list(): Promise<ProtocolVersionRecord[]>;
  get(version: string): Promise<ProtocolVersionRecord | null>;
}

export function createProtocolVersionRepository(db: Queryable): ProtocolVersionRepository {
  const get = async (version: string): Promise<ProtocolVersionRecord | null> => {
    const result = await db.query('SELECT * FROM protocol_versions WHERE version = $1', [version]);
    return result.rows[0] === undefined ? null : fromRow(result.rows[0]);
  };
  return {
    async record(input) {
      const checksum = createHash('sha256').update(input.content).digest('hex');
      await db.query(
        `INSERT INTO protocol_versions (version, checksum, content, marketing_owner, sales_owner)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version) DO NOTHING`,
        [input.version, checksum, input.content, input.marketingOwner, input.salesOwner],
      );
      const stored = await get(input.version);
      if (stored === null) throw new Error(`protocol version ${input.version} vanished after insert`);
      return stored.checksum === checksum ? ok(stored) : err({ kind: 'version_reused', version: input.version });
    },
    async list() {
      const result = await db.query('SELECT * FROM protocol_versions ORDER BY activated_at DESC, version DESC');
      return result.rows.map(fromRow);
    },
    get,
  };
}

function fromRow(row: Record<string, unknown>): ProtocolVersionRecord {
  return {
    version: String(row.version),
    checksum: String(row.checksum),
    content: String(row.content),
    marketingOwner: String(row.marketing_owner),
    salesOwner: String(row.sales_owner),
    activatedAt: toInstant(row.activated_at) ?? 0,
  };
}
