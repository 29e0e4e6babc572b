import type { Crm } from '../../shared/errors';
import { codeAdvice } from '../dead-letter-advice';
import { scrubText } from '../../shared/logger';
import { addLagCounts, emptyLagCounts, lagQuantile } from '../../shared/sync-lag';
import type { Db } from '../../store';
import {
  createSyncHealthRepository,
  type OpenDeadLetter,
  type UsageSample,
  type WaitingWrite,
} from '../../store/sync-health-repository';
import { CRMS, directionInto, type LagDirection } from './sync-recorder';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface CrmUsage {
  readonly crm: Crm;
  /** Calls per hour over the last 24 hours, oldest first (24 entries); failed ones among them. */
  readonly hours: readonly { readonly start: number; readonly calls: number; readonly failed: number }[];
  readonly calls: number;
  readonly failed: number;
  /** The allocation as the CRM last reported it (null before any sample carried it). */
  readonly dailyUsed: number | null;
  readonly dailyLimit: number | null;
  readonly windowRemaining: number | null;
  readonly windowLimit: number | null;
}

export interface LagFigures {
  readonly direction: LagDirection;
  readonly writes: number;
  readonly p50Seconds: number | null;
  readonly p99Seconds: number | null;
}

export interface ErrorGroup {
  readonly code: string;
  readonly count: number;
  /** What the code means and what to do (the README's catalogue), or the CRM's own words. */
  readonly hint: string;
  readonly retryable: boolean | null;
  readonly letters: readonly OpenDeadLetter[];
}

export interface SyncHealthData {
  readonly generatedAt: number;
  readonly usage: readonly CrmUsage[];
  readonly lag: readonly LagFigures[];
  readonly groups: readonly ErrorGroup[];
  readonly openDeadLetters: number;
  readonly waiting: readonly WaitingWrite[];
}

/**
 * The Sync Health page's figures: API use of each CRM per hour over the last 24 hours (summed over
 * the workers' samples) against the allocation last reported, the lag percentiles of the writes
 * made in that time, open dead letters grouped by code with their leads, and the writes waiting longest.
 */
export async function syncHealthData(db: Db, now: number, options: { letters?: number } = {}): Promise<SyncHealthData> {
  const repository = createSyncHealthRepository(db);
  const since = now - DAY_MS;
  const [samples, letters, waiting] = await Promise.all([
    repository.usageSince(since),
    repository.openDeadLetters(options.letters ?? 5_000),
    repository.waitingLongest(10),
  ]);
  return {
    generatedAt: now,
    usage: CRMS.map((crm) => crmUsage(crm, samples, since)),
    lag: CRMS.map((crm) => lagFigures(crm, samples)),
    groups: errorGroups(letters),
    openDeadLetters: letters.length,
    waiting,
  };
}

function crmUsage(crm: Crm, samples: readonly UsageSample[], since: number): CrmUsage {
  const own = samples.filter((s) => s.crm === crm);
  const hours = Array.from({ length: 24 }, (_, i) => ({ start: since + i * HOUR_MS, calls: 0, failed: 0 }));
  for (const sample of own) {
    const hour = hours[Math.min(23, Math.max(0, Math.floor((sample.at - since) / HOUR_MS)))];
    if (hour === undefined) continue;
    hour.calls += sample.calls;
    hour.failed += sample.failedCalls;
  }
  const reported = [...own].reverse().find((s) => s.dailyLimit !== null || s.windowLimit !== null);
  return {
    crm,
    hours,
    calls: own.reduce((sum, s) => sum + s.calls, 0),
    failed: own.reduce((sum, s) => sum + s.failedCalls, 0),
    dailyUsed: reported?.dailyUsed ?? null,
    dailyLimit: reported?.dailyLimit ?? null,
    windowRemaining: reported?.windowRemaining ?? null,
    windowLimit: reported?.windowLimit ?? null,
  };
}

function lagFigures(target: Crm, samples: readonly UsageSample[]): LagFigures {
  const counts = emptyLagCounts();
  for (const sample of samples) if (sample.crm === target) addLagCounts(counts, sample.lagBuckets);
  return {
    direction: directionInto(target),
    writes: counts.reduce((sum, n) => sum + n, 0),
    p50Seconds: lagQuantile(counts, 0.5),
    p99Seconds: lagQuantile(counts, 0.99),
  };
}

/** Largest group first; within a group, the oldest failure first. Vendor messages are scrubbed like a log line. */
function errorGroups(letters: readonly OpenDeadLetter[]): ErrorGroup[] {
  const byCode = new Map<string, OpenDeadLetter[]>();
  for (const letter of letters) {
    const group = byCode.get(letter.code) ?? [];
    group.push({ ...letter, error: scrubText(letter.error) });
    byCode.set(letter.code, group);
  }
  return [...byCode.entries()]
    .map(([code, group]) => {
      const { advice, retryable } = codeAdvice(code, group[0]?.crm ?? null);
      return { code, count: group.length, hint: advice, retryable, letters: group };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
