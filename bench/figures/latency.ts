import type { Job } from 'bullmq';
import { jobIdFor } from '../../src/queue/queues';
import { repositories } from '../../src/store';
import { percentile, qualified, until, type BenchStack } from '../support/bench-stack';

export interface LatencyFigures {
  readonly eventsPerSecond: number;
  readonly leads: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly timers: number;
  readonly timerP99LateMs: number;
  readonly timerMaxLateMs: number;
}

const TIMERS = 400;

/**
 * Steady load: contacts created in HubSpot at the rate that makes its webhooks carry `eventsPerSecond`
 * events, for `seconds`. Latency runs from the change in HubSpot to the Lead's commit in Salesforce
 * (so it includes HubSpot's own batching of webhooks). Meanwhile SLA-style timers fall due at spread
 * instants; their lateness is the time from their due instant to their processing.
 */
export async function latencyFigures(
  stack: BenchStack,
  eventsPerSecond: number,
  seconds: number,
): Promise<LatencyFigures> {
  const createdAt = new Map<string, number>();
  const latencies: number[] = [];
  const stop = stack.sf.onCommit((changes) => {
    const now = Date.now();
    for (const change of changes) {
      const id =
        change.kind === 'created' && change.object === 'Lead' ? change.record.HubSpot_Contact_Id__c : undefined;
      const at = typeof id === 'string' ? createdAt.get(id) : undefined;
      if (at !== undefined) latencies.push(now - at);
    }
  });
  try {
    const eventsPerContact = await measureEventsPerContact(stack);
    const timerKeys = await scheduleTimers(stack, seconds);
    const perSecond = eventsPerSecond / eventsPerContact;
    const eventsBefore = stack.hs.calls().webhooks.deliveredEvents;
    const started = Date.now();
    for (let n = 0; Date.now() - started < seconds * 1000; n++) {
      const due = started + (n / perSecond) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      createdAt.set(stack.hs.user.createContact(qualified(`l${n}`)).id, Date.now());
    }
    const sent = createdAt.size;
    const rate = (stack.hs.calls().webhooks.deliveredEvents - eventsBefore) / ((Date.now() - started) / 1000);
    await until(async () => latencies.length >= sent, 120_000, 'every Lead of the steady load');
    const lateness = await timerLateness(stack, timerKeys);
    return {
      eventsPerSecond: rate,
      leads: sent,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      timers: lateness.length,
      timerP99LateMs: percentile(lateness, 99),
      timerMaxLateMs: Math.max(...lateness),
    };
  } finally {
    stop();
  }
}

/** How many webhook events one qualifying contact's creation makes (one creation, one change per property). */
async function measureEventsPerContact(stack: BenchStack): Promise<number> {
  const before = stack.hs.calls().webhooks.deliveredEvents;
  const probe = stack.hs.user.createContact(qualified('probe'));
  await until(
    async () => (await repositories(stack.db).leads.findByHubSpotId(probe.id as never))?.salesforceId != null,
    30_000,
    'the probe contact',
  );
  return stack.hs.calls().webhooks.deliveredEvents - before;
}

/**
 * Timer jobs exactly as the engine schedules them, for a real lead, falling due spread over the
 * load. The lead does not hold these keys, so the engine treats them as stale: the measure is when
 * the pipeline got to them.
 */
async function scheduleTimers(stack: BenchStack, seconds: number): Promise<string[]> {
  const [record] = await repositories(stack.db).leads.page(null, 1);
  if (record === undefined) throw new Error('no lead to hang timers on');
  const start = Date.now() + 1_000;
  const effects = Array.from({ length: TIMERS }, (_, i) => ({
    type: 'timer.schedule' as const,
    leadId: record.id,
    key: `bench:${i}`,
    fireAt: start + Math.floor((i / TIMERS) * (seconds - 1) * 1000),
    timer: { kind: 'recycle_due' as const },
  }));
  await stack.runtime.pipeline?.deps.apply.timers.schedule(effects);
  return effects.map((e) => e.key);
}

async function timerLateness(stack: BenchStack, keys: readonly string[]): Promise<number[]> {
  const queue = stack.runtime.pipeline?.queues.timers;
  if (queue === undefined) return [];
  await until(async () => (await queue.getCompletedCount()) >= keys.length, 60_000, 'every timer');
  const jobs = (await Promise.all(keys.map((key) => queue.getJob(jobIdFor(key))))).filter(
    (job): job is Job => job !== undefined,
  );
  return jobs.flatMap((job) => {
    const data = job.data as { fireAt?: unknown };
    return typeof job.processedOn === 'number' && typeof data.fireAt === 'number'
      ? [job.processedOn - data.fireAt]
      : [];
  });
}
