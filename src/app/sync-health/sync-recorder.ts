import type { CrmCall } from '../../shared/crm-calls';
import type { ApiUsage } from '../../shared/crm-port';
import type { Crm } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { addLagCounts, emptyLagCounts, lagBucket } from '../../shared/sync-lag';
import type { Db, OutboxRow } from '../../store';
import { createSyncHealthRepository, type UsageSample } from '../../store/sync-health-repository';
import type { RowOutcome } from '../relay/outbox-relay';

export const CRMS: readonly Crm[] = ['salesforce', 'hubspot'];

/** Which way a write into `target` synced: from a change in the other CRM. */
export type LagDirection = 'hubspot_to_salesforce' | 'salesforce_to_hubspot';

export function directionInto(target: Crm): LagDirection {
  return target === 'salesforce' ? 'hubspot_to_salesforce' : 'salesforce_to_hubspot';
}

/** Seconds from each change to its write, for the rows of a batch that were written and carry their change's instant. */
export function writeLags(
  rows: readonly OutboxRow[],
  outcomes: readonly RowOutcome[],
  now: number,
): { readonly crm: Crm; readonly seconds: number }[] {
  return rows.flatMap((row, index) =>
    outcomes[index]?.kind === 'done' && row.changedAt !== null
      ? [{ crm: row.crm, seconds: Math.max(0, (now - row.changedAt) / 1000) }]
      : [],
  );
}

export interface SyncRecorderOptions {
  readonly db: Db;
  /** Protocol time: the change timestamps come from the CRMs, on the same clock. */
  readonly now: () => number;
  /** This worker, in the samples (host and pid). */
  readonly process: string;
  readonly usage: Readonly<Record<Crm, () => ApiUsage>>;
  readonly logger: Logger;
  /** Samples older than this are dropped at each flush (default a week). */
  readonly keepMs?: number;
}

interface Tally {
  calls: number;
  failed: number;
  lag: number[];
}

/**
 * One worker's API use and sync lag, kept per minute for the Sync Health page: calls and failures
 * counted as the connectors report them, lags as the relays write, saved as one sample per CRM at
 * each flush. The Prometheus figures are counted beside it; these are what the page charts over 24 hours.
 */
export class SyncRecorder {
  private tallies = new Map<Crm, Tally>();
  private readonly repository;

  constructor(private readonly options: SyncRecorderOptions) {
    this.repository = createSyncHealthRepository(options.db);
  }

  recordCall(call: CrmCall): void {
    const tally = this.tally(call.crm);
    tally.calls += call.requests;
    if (call.outcome !== 'ok') tally.failed += call.requests;
  }

  recordLag(crm: Crm, seconds: number): void {
    const tally = this.tally(crm);
    tally.lag[lagBucket(seconds)] = (tally.lag[lagBucket(seconds)] ?? 0) + 1;
  }

  /** Saves what was counted since the last flush, one sample per CRM, and drops samples past keeping. */
  async flush(): Promise<void> {
    const tallies = this.tallies;
    this.tallies = new Map();
    const at = this.options.now();
    const samples: UsageSample[] = CRMS.map((crm) => {
      const tally = tallies.get(crm) ?? { calls: 0, failed: 0, lag: emptyLagCounts() };
      const usage = this.options.usage[crm]();
      return {
        crm,
        at,
        process: this.options.process,
        calls: tally.calls,
        failedCalls: tally.failed,
        dailyUsed: usage.dailyUsed,
        dailyLimit: usage.dailyLimit,
        windowRemaining: usage.windowRemaining,
        windowLimit: usage.windowLimit,
        lagBuckets: tally.lag,
      };
    });
    try {
      await this.repository.addUsageSamples(samples);
      await this.repository.pruneUsageSamples(at - (this.options.keepMs ?? 7 * 86_400_000));
    } catch (error) {
      // Counted again at the next flush rather than lost with a database blip.
      for (const [crm, tally] of tallies) this.restore(crm, tally);
      this.options.logger.warn({ err: error }, 'could not save the API usage sample; kept for the next one');
    }
  }

  private restore(crm: Crm, tally: Tally): void {
    const current = this.tally(crm);
    current.calls += tally.calls;
    current.failed += tally.failed;
    addLagCounts(current.lag, tally.lag);
  }

  private tally(crm: Crm): Tally {
    let tally = this.tallies.get(crm);
    if (tally === undefined) {
      tally = { calls: 0, failed: 0, lag: emptyLagCounts() };
      this.tallies.set(crm, tally);
    }
    return tally;
  }
}
