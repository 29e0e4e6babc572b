import { z } from 'zod';
import { crmWriteEffectSchema } from '../protocol';
import { outboxRows } from './apply-events/apply-events';
import { jobIdFor, QUEUE_NAMES, type QueueName, type Queues } from '../queue/queues';
import { scrubText } from '../shared/logger';
import { repositories, type Db, type DeadLetter } from '../store';

/** A queue dead letter carries the failed job: its id and its data. */
const queuePayload = z.object({ jobId: z.string().nullish(), data: z.unknown() });

export type ReplayOutcome =
  | { readonly id: string; readonly result: 'replayed'; readonly to: string }
  | { readonly id: string; readonly result: 'not_found' }
  | { readonly id: string; readonly result: 'already_replayed' }
  /** The stored payload or source cannot be re-driven (written by an older release, or a source we do not know). */
  | { readonly id: string; readonly result: 'not_replayable'; readonly reason: string };

export interface ReplayDeps {
  readonly db: Db;
  /** Needed only for dead letters of a queue; opened by the caller when `needsQueues` says so. */
  readonly queues?: Pick<Queues, QueueName>;
}

export function listDeadLetters(db: Db, options: { all?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
  return repositories(db).deadLetters.list(options);
}

/** A dead letter for JSON output. Vendor messages can echo an e-mail or a token: scrubbed like a log line. */
export function deadLetterJson(letter: DeadLetter): Record<string, unknown> {
  return {
    id: letter.id,
    source: letter.source,
    crm: letter.crm,
    kind: letter.kind,
    leadId: letter.leadId,
    attempts: letter.attempts,
    errorCode: letter.errorCode,
    error: scrubText(letter.error),
    failedAt: new Date(letter.failedAt).toISOString(),
    replayedAt: letter.replayedAt === null ? null : new Date(letter.replayedAt).toISOString(),
  };
}

/** The open dead letters, for "replay everything". */
export async function openDeadLetterIds(db: Db, limit = 10_000): Promise<string[]> {
  return (await listDeadLetters(db, { limit })).map((letter) => letter.id);
}

export function queueOf(source: string): QueueName | undefined {
  const name = source.startsWith('queue:') ? source.slice('queue:'.length) : '';
  return Object.values(QUEUE_NAMES).find((queue) => queue === name);
}

/** Whether replaying these ids will add jobs to a queue (and so needs Redis). */
export async function needsQueues(db: Db, ids: readonly string[]): Promise<boolean> {
  const deadLetters = repositories(db).deadLetters;
  for (const id of ids) {
    const letter = await deadLetters.get(id);
    if (letter !== null && letter.replayedAt === null && letter.source !== 'outbox') return true;
  }
  return false;
}

/**
 * Re-drives dead letters, each at most once: a failed CRM write goes back into the outbox (the
 * relay sends it again, in order with the lead's other writes); a failed job goes back into its
 * queue under a new job id, so BullMQ does not take it for the old one. Marking and re-driving
 * happen in one transaction, so a crash in between leaves the letter open rather than lost.
 */
export async function replayDeadLetters(deps: ReplayDeps, ids: readonly string[]): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  for (const id of [...new Set(ids)]) outcomes.push(await replayOne(deps, id));
  return outcomes;
}

async function replayOne(deps: ReplayDeps, id: string): Promise<ReplayOutcome> {
  const letter = await repositories(deps.db).deadLetters.get(id);
  if (letter === null) return { id, result: 'not_found' };
  if (letter.replayedAt !== null) return { id, result: 'already_replayed' };
  return letter.source === 'outbox' ? replayWrite(deps.db, letter) : replayJob(deps, letter);
}

async function replayWrite(db: Db, letter: DeadLetter): Promise<ReplayOutcome> {
  // An outbox dead letter carries the engine effect whose write failed.
  const effect = crmWriteEffectSchema.safeParse(letter.payload);
  if (!effect.success)
    return {
      id: letter.id,
      result: 'not_replayable',
      reason: 'the stored payload is not a CRM write this release knows',
    };
  return db.transaction(async (tx) => {
    const repos = repositories(tx);
    const [marked] = await repos.deadLetters.markReplayed([letter.id]);
    if (marked === undefined) return { id: letter.id, result: 'already_replayed' } as const;
    const rows = outboxRows([effect.data]);
    await repos.outbox.enqueue(rows);
    return { id: letter.id, result: 'replayed', to: `outbox:${rows[0]?.crm ?? letter.crm ?? '?'}` } as const;
  });
}

async function replayJob(deps: ReplayDeps, letter: DeadLetter): Promise<ReplayOutcome> {
  const queueName = queueOf(letter.source);
  if (queueName === undefined)
    return { id: letter.id, result: 'not_replayable', reason: `unknown source "${letter.source}"` };
  const payload = queuePayload.safeParse(letter.payload);
  if (!payload.success)
    return { id: letter.id, result: 'not_replayable', reason: 'the stored payload has no job data' };
  const queue = deps.queues?.[queueName];
  if (queue === undefined) throw new Error(`replaying a ${letter.source} dead letter needs the queues`);
  return deps.db.transaction(async (tx) => {
    const [marked] = await repositories(tx).deadLetters.markReplayed([letter.id]);
    if (marked === undefined) return { id: letter.id, result: 'already_replayed' } as const;
    // A new, deterministic id: BullMQ would ignore the old one, and a retried replay stays one job.
    await queue.add(letter.kind, payload.data.data, {
      jobId: jobIdFor(`${payload.data.jobId ?? 'job'}.replay-${letter.id}`),
    });
    return { id: letter.id, result: 'replayed', to: `queue:${queueName}` } as const;
  });
}
