import type { WriteOutcome } from '../../shared/crm-port';
import type { Crm } from '../../shared/errors';
import { afterAttempts, disposition, type Disposition } from '../../shared/failures';
import type { Logger } from '../../shared/logger';
import { repositories, type Db, type OutboxRow } from '../../store';
import type { PauseGate } from '../../queue/pause-gate';
import { sleep } from '../../shared/sleep';

/** What became of one leased row: done, or the shared disposition of its failure (a wait spends no attempt). */
export type RowOutcome = { readonly kind: 'done' } | Disposition;

/** Sends one batch; returns an outcome per row, in input order. */
export type BatchSender = (rows: readonly OutboxRow[]) => Promise<readonly RowOutcome[]>;

export interface RelayOptions {
  readonly crm: Crm;
  readonly db: Db;
  readonly gate: PauseGate;
  readonly logger: Logger;
  readonly send: BatchSender;
  /** The CRM's largest batch (Salesforce collections 200, HubSpot batch 100). */
  readonly batchSize: number;
  /** How long a partial batch may wait for company before it goes anyway. */
  readonly flushWindowMs?: number;
  readonly pollMs?: number;
  /** How long a batch's rows stay leased without a renewal: how soon a dead worker's rows are retried. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  /** Batches in flight at once (default 1); the outbox's leases keep them apart and each lead's writes in order. */
  readonly concurrency?: number;
  /** Told of each batch sent, with each row's outcome (the sync lag is timed from it). */
  readonly onBatch?: (rows: readonly OutboxRow[], outcomes: readonly RowOutcome[]) => void;
}

const BACKOFF_BASE_MS = 1_000;
/** A held batch renews its lease every third of it, so only a dead holder's lease runs out. */
const DEFAULT_LEASE_MS = 30_000;
const BACKOFF_CAP_MS = 5 * 60_000;

/** Exponential back-off with full jitter, so a burst of failures does not retry in lock-step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempts));
}

/**
 * Drains the outbox of one CRM: waits until a batch is full or its oldest row has waited the flush
 * window, leases it, sends it, and records each row's fate. Any number of relays may run (one per
 * worker process); leases keep them from sending a row twice.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly stop = new AbortController();

  constructor(private readonly options: RelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const loops = Array.from({ length: Math.max(1, this.options.concurrency ?? 1) }, () => this.run());
    this.loop = Promise.all(loops).then(() => undefined);
  }

  async close(): Promise<void> {
    this.running = false;
    this.stop.abort();
    await this.loop;
  }

  /** One pass: sends one batch if one is due; returns how many rows it sent (for tests and backfill). */
  async flushOnce(force = false): Promise<number> {
    const { crm, db, gate, batchSize } = this.options;
    if ((await gate.remaining(crm)) > 0) return 0;
    const outbox = repositories(db).outbox;
    const windowMs = this.options.flushWindowMs ?? 200;
    if (!force) {
      // A cheap look first, so that an idle relay does not take the lease's lock every poll.
      const backlog = await outbox.backlog(crm, batchSize);
      if (backlog.ready === 0) return 0;
      const age = backlog.oldestAt === null ? 0 : Date.now() - backlog.oldestAt;
      if (backlog.ready < batchSize && age < windowMs) return 0;
    }
    // The lease decides again under its lock: the relays that saw the same full batch leave the
    // rest to fill instead of each sending a sliver.
    const rows = await outbox.lease(
      crm,
      batchSize,
      this.options.leaseMs ?? DEFAULT_LEASE_MS,
      force ? undefined : windowMs,
    );
    if (rows.length === 0) return 0;
    const outcomes = await this.sendSafely(rows);
    await this.record(rows, outcomes);
    this.options.onBatch?.(rows, outcomes);
    return rows.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const sent = await this.flushOnce();
        if (sent === 0) await sleep(this.options.pollMs ?? 50, this.stop.signal);
      } catch (error) {
        if (!this.running) return;
        this.options.logger.error({ err: error, crm: this.options.crm }, 'outbox relay pass failed; retrying');
        await sleep(1_000, this.stop.signal).catch(() => undefined);
      }
    }
  }

  /**
   * A failure of the whole call (network, 5xx, 429) becomes the same outcome for every row. The
   * lease is renewed while the CRM takes its time (a stalled call, a session refreshed), so a
   * slow batch is never leased again and sent twice by another worker.
   */
  private async sendSafely(rows: readonly OutboxRow[]): Promise<readonly RowOutcome[]> {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    const ids = rows.map((row) => row.id);
    const renewal = setInterval(() => {
      repositories(this.options.db)
        .outbox.renew(ids, leaseMs)
        .catch((error: unknown) =>
          this.options.logger.warn(
            { err: error, crm: this.options.crm },
            'could not renew the lease of a batch in flight',
          ),
        );
    }, leaseMs / 3);
    try {
      return await this.options.send(rows);
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome.kind === 'wait') await this.options.gate.pause(this.options.crm, outcome.delayMs, 'rate limited');
      return rows.map(() => outcome);
    } finally {
      clearInterval(renewal);
    }
  }

  private async record(rows: readonly OutboxRow[], outcomes: readonly RowOutcome[]): Promise<void> {
    const outbox = repositories(this.options.db).outbox;
    const maxAttempts = this.options.maxAttempts ?? 10;
    const done: string[] = [];
    for (const [index, row] of rows.entries()) {
      const reported: RowOutcome = outcomes[index] ?? {
        kind: 'retry',
        code: 'INTERNAL',
        message: 'no outcome reported for this row',
      };
      const outcome = reported.kind === 'done' ? reported : afterAttempts(reported, row.attempts + 1, maxAttempts);
      switch (outcome.kind) {
        case 'done':
          done.push(row.id);
          break;
        case 'wait':
          await outbox.release([row.id], outcome.delayMs);
          break;
        case 'retry':
          await outbox.retry([row.id], { code: outcome.code, message: outcome.message }, backoffMs(row.attempts + 1));
          break;
        case 'dead':
          this.options.logger.warn(
            { crm: this.options.crm, kind: row.kind, leadId: row.leadId, code: outcome.code },
            'write failed for good; dead-lettered',
          );
          await outbox.deadLetter([row], { code: outcome.code, message: outcome.message });
          break;
      }
    }
    await outbox.complete(done);
  }
}

/**
 * How a thrown error maps onto a row: the shared disposition (rate limits wait, retryable errors
 * retry, the rest is dead); `record` turns a retry dead once the row's attempts are spent.
 */
export function outcomeOf(error: unknown): RowOutcome {
  return disposition(error);
}

/** A record's result in a batch write, as a row outcome. */
export function writeOutcome(result: WriteOutcome<string> | undefined): RowOutcome {
  if (result === undefined)
    return { kind: 'retry', code: 'CRM_RESPONSE_INVALID', message: 'no result for this record' };
  if (result.ok) return { kind: 'done' };
  return { kind: result.retryable ? 'retry' : 'dead', code: result.code, message: result.message };
}
