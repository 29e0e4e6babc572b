import type { LeadEvent } from '../protocol';
import { repositories } from '../store';
import { applyToLead, type ApplyDeps } from './apply-events/apply-events';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Offers every accepted or working lead without activity for the protocol's dormancy period to the
 * engine, which decides whether it is sleeping and what then. The event id carries the hour, so a
 * second sweep within the hour changes nothing.
 */
export async function sweepDormancy(deps: ApplyDeps, limit = 1_000): Promise<number> {
  const now = deps.clock.now();
  const cutoff = now - deps.protocol.dormancy.afterDays * DAY_MS;
  const candidates = await repositories(deps.db).leads.inactiveSince(['accepted', 'working'], cutoff, limit);
  for (const record of candidates) {
    const event: LeadEvent = {
      type: 'dormancy.sweep',
      id: `dormancy:${record.id}:${Math.floor(now / HOUR_MS)}`,
      at: now,
    };
    await applyToLead(deps, { kind: 'lead', id: record.id }, () => [event]);
  }
  return candidates.length;
}
