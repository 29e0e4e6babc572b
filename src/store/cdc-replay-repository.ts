import type { Queryable } from './db';

/** The stored position of a Change Data Capture subscription (migration 009). */
export interface StoredReplay {
  readonly replayId: bigint;
  /** When the newest event it covers was committed (epoch ms), when known. */
  readonly committedAt: number | null;
}

export interface CdcReplayRepository {
  get(channel: string): Promise<StoredReplay | null>;
  save(channel: string, replay: StoredReplay): Promise<void>;
  forget(channel: string): Promise<void>;
}

export function createCdcReplayRepository(db: Queryable): CdcReplayRepository {
  return {
    async get(channel) {
      const result = await db.query<{ replay_id: string; committed_at: Date | string | null }>(
        'SELECT replay_id::text AS replay_id, committed_at FROM cdc_replay WHERE channel = $1',
        [channel],
      );
      const row = result.rows[0];
      if (row === undefined) return null;
      return {
        replayId: BigInt(row.replay_id),
        committedAt: row.committed_at === null ? null : new Date(row.committed_at).getTime(),
      };
    },
    async save(channel, replay) {
      await db.query(
        `INSERT INTO cdc_replay (channel, replay_id, committed_at, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (channel) DO UPDATE
           SET replay_id = EXCLUDED.replay_id,
               committed_at = COALESCE(EXCLUDED.committed_at, cdc_replay.committed_at),
               updated_at = now()`,
        [channel, replay.replayId.toString(), replay.committedAt === null ? null : new Date(replay.committedAt)],
      );
    },
    async forget(channel) {
      await db.query('DELETE FROM cdc_replay WHERE channel = $1', [channel]);
    },
  };
}
