import { repositories, type Db } from '../store';

export type DrainOutcome = { readonly drained: true } | { readonly drained: false; readonly waiting: number };

/**
 * Waits until the outbox is empty (every write sent or dead-lettered), or `timeoutMs` passed: rows
 * waiting for a retry stay for the service's relays, and the caller says so.
 */
export async function waitForOutbox(
  db: Db,
  timeoutMs: number,
  onTick: (waiting: number) => void,
  signal?: AbortSignal,
  pollMs = 250,
): Promise<DrainOutcome> {
  const outbox = repositories(db).outbox;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting = await outbox.pending();
    onTick(waiting);
    if (waiting === 0) return { drained: true };
    if (Date.now() >= deadline || signal?.aborted === true) return { drained: false, waiting };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
