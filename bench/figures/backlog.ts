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
  const contacts = stack.hs.seed({ contacts: Array.from({ length: writes }, (_, n) => ({ email: `backlog${n}@corp-${n % 997}.io`, firstname: 'Sam' })) }).contacts;
  const outbox = repositories(stack.db).outbox;
  for (let start = 0; start < contacts.length; start += INSERT_CHUNK) {
    await outbox.enqueue(contacts.slice(start, start + INSERT_CHUNK).map((contactId) => {
      const leadId = randomUUID();
      return {
        leadId: leadId as never, crm: 'hubspot' as const, kind: 'update', priority: 1 as const, dedupeKey: null,
        payload: { type: 'hubspot.update', leadId, contactId, properties: { leadpact_stage: 'nurturing', leadpact_protocol_version: '2026.1' } },
      };
    }));
  }
  const before = stack.hs.calls();
  const started = performance.now();
  await until(async () => (await outbox.pending('hubspot')) === 0, 900_000, 'the HubSpot backlog to drain');
  const seconds = (performance.now() - started) / 1000;
  const after = stack.hs.calls();
  const calls = after.total - before.total;
  const rateLimited = Object.values(after.rateLimited).reduce((a, b) => a + b, 0) - Object.values(before.rateLimited).reduce((a, b) => a + b, 0);
  const allowed = (seconds * 1000 / after.windowMs) * after.windowLimit;
  return {
    writes, calls, seconds, rateLimited, share429: calls === 0 ? 0 : rateLimited / calls, budgetUse: calls / allowed,
    peakWindow: after.peakWindowCount, windowLimit: after.windowLimit,
  };
}
