import { repositories, type Db } from '../store';

export type DrainOutcome = { readonly drained: true } | { readonly drained: false; readonly waiting: number };

/** Work that is not in the outbox yet: a write's outcome on its way back to the engine (the inbound queue). */
export type PendingElsewhere = () => Promise<number>;

/**
 * Waits until the outbox is empty (every write sent or dead-lettered) and nothing that would add to
 * it is pending elsewhere, or `timeoutMs` passed: rows waiting for a retry stay for the service's
 * relays, and the caller says so. A hand-off's outcome is queued before its row counts as sent, so
 * the sum of the two never reads zero while work is still moving between them.
 */
export async function waitForOutbox(
  db: Db,
  timeoutMs: number,
  onTick: (waiting: number) => void,
  signal?: AbortSignal,
  pollMs = 250,
  elsewhere: PendingElsewhere = async () => 0,
): Promise<DrainOutcome> {
  const outbox = repositories(db).outbox;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = (await outbox.pending()) + (await elsewhere());
    onTick(waiting);
    if (waiting === 0) return { drained: true };
    if (Date.now() >= deadline || signal?.aborted === true) return { drained: false, waiting };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
