import { randomUUID } from 'node:crypto';
import { repositories } from '../../src/store';
import { until, type BenchStack } from '../support/bench-stack';

export interface BacklogFigures {
  readonly writes: number;
  readonly calls: number;
  readonly seconds: number;
  readonly rateLimited: number;
  readonly share429: number;
  readonly budgetUse: number;
  /** The whole rate windows budgetUse was measured over. */
  readonly budgetWindows: number;
  readonly peakWindow: number;
  readonly windowLimit: number;
}

const INSERT_CHUNK = 5_000;

/**
 * A backlog of HubSpot writes (feedback for 50,000 contacts) drained by leadpact's HubSpot relay
 * through the real connector and SDK, against a portal limited to `ratePer10s` requests per rolling
 * 10 s. Budget use: calls made ÷ calls the limit allowed over the drain.
 */
export async function backlogFigures(stack: BenchStack, writes: number): Promise<BacklogFigures> {
  const contacts = stack.hs.seed({
    contacts: Array.from({ length: writes }, (_, n) => ({ email: `backlog${n}@corp-${n % 997}.io`, firstname: 'Sam' })),
  }).contacts;
  const outbox = repositories(stack.db).outbox;
  for (let start = 0; start < contacts.length; start += INSERT_CHUNK) {
    await outbox.enqueue(
      contacts.slice(start, start + INSERT_CHUNK).map((contactId) => {
        const leadId = randomUUID();
        return {
          leadId: leadId as never,
          crm: 'hubspot' as const,
          kind: 'update',
          priority: 1 as const,
          dedupeKey: null,
          payload: {
            type: 'hubspot.update',
            leadId,
            contactId,
            properties: { leadpact_stage: 'nurturing', leadpact_protocol_version: '2026.1' },
          },
        };
      }),
    );
  }
  const before = stack.hs.calls();
  const started = performance.now();
  const samples: Sample[] = [{ at: started, total: before.total }];
  const sampler = setInterval(() => samples.push({ at: performance.now(), total: stack.hs.calls().total }), SAMPLE_MS);
  try {
    await until(async () => (await outbox.pending('hubspot')) === 0, 900_000, 'the HubSpot backlog to drain');
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = stack.hs.calls();
  samples.push({ at: performance.now(), total: after.total });
  const calls = after.total - before.total;
  const rateLimited =
    Object.values(after.rateLimited).reduce((a, b) => a + b, 0) -
    Object.values(before.rateLimited).reduce((a, b) => a + b, 0);
  const steady = steadyUse(samples, after.windowMs, after.windowLimit);
  return {
    writes,
    calls,
    seconds,
    rateLimited,
    share429: calls === 0 ? 0 : rateLimited / calls,
    budgetUse: steady.use,
    budgetWindows: steady.windows,
    peakWindow: after.peakWindowCount,
    windowLimit: after.windowLimit,
  };
}

interface Sample {
  readonly at: number;
  readonly total: number;
}

const SAMPLE_MS = 50;

/**
 * Calls made ÷ calls the limit allows, over whole windows while the backlog lasts. The first window
 * is left out (the relays start on the backlog while it is still being queued, with the window
 * fresh), and so is the last, partial one, when too little is left to fill a window. Over k whole
 * windows a rolling limit of L admits at most k·L calls, so the figure cannot pass 100 %.
 */
function steadyUse(samples: readonly Sample[], windowMs: number, limit: number): { use: number; windows: number } {
  const first = samples[0];
  const last = samples.find((s) => s.total === samples[samples.length - 1]?.total);
  if (first === undefined || last === undefined) return { use: Number.NaN, windows: 0 };
  const from = first.at + windowMs;
  const windows = Math.floor((last.at - from) / windowMs);
  if (windows < 1) return { use: Number.NaN, windows: 0 };
  const totalAt = (t: number) => samples.reduce((found, s) => (s.at <= t ? s.total : found), first.total);
  return { use: (totalAt(from + windows * windowMs) - totalAt(from)) / (windows * limit), windows };
}
