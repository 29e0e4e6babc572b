import { withChangeTimes } from '../../../src/app/apply-events/change-origin';
import { writeLags } from '../../../src/app/sync-health/sync-recorder';
import type { LeadEvent } from '../../../src/protocol';
import { leadId } from '../../../src/shared/ids';
import { emptyLagCounts, lagBucket, lagQuantile } from '../../../src/shared/sync-lag';
import type { OutboxInput, OutboxRow } from '../../../src/store';

const LEAD = leadId('0b6f3c1e-7a2d-4e5f-8a9b-1c2d3e4f5a6b');

describe('sync lag', () => {
  it('gives percentiles as histogram_quantile does: linear inside the bucket', () => {
    const counts = emptyLagCounts();
    counts[lagBucket(3)] = 4; // (2, 5]
    counts[lagBucket(45)] = 1; // (30, 60]
    expect(lagQuantile(counts, 0.5)).toBeCloseTo(2 + 3 * (2.5 / 4));
    expect(lagQuantile(counts, 0.99)).toBeCloseTo(30 + 30 * 0.95);
    expect(lagQuantile(emptyLagCounts(), 0.5)).toBeNull();
    const slow = emptyLagCounts();
    slow[lagBucket(10_000)] = 1;
    expect(lagQuantile(slow, 0.99)).toBe(3600);
  });

  it("stamps a write into one CRM with the time of the other CRM's change that caused it, and no other", () => {
    const hubspotChange = { type: 'hubspot.contact.changed', at: 1_000 } as unknown as LeadEvent;
    const timer = { type: 'timer.fired', at: 2_000 } as unknown as LeadEvent;
    const toSalesforce = { type: 'salesforce.update' };
    const toHubspot = { type: 'hubspot.update' };
    const byTimer = { type: 'salesforce.task' };
    const row = (crm: 'salesforce' | 'hubspot', payload: unknown): OutboxInput => ({
      leadId: LEAD,
      crm,
      kind: 'update',
      payload,
      priority: 1,
      dedupeKey: null,
    });
    const origins = new Map<unknown, LeadEvent>([
      [toSalesforce, hubspotChange],
      [toHubspot, hubspotChange],
      [byTimer, timer],
    ]);
    const stamped = withChangeTimes(
      [row('salesforce', toSalesforce), row('hubspot', toHubspot), row('salesforce', byTimer)],
      origins,
    );
    expect(stamped.map((r) => r.changedAt ?? null)).toEqual([1_000, null, null]);
  });

  it('times only the rows that were written', () => {
    const row = (id: string, changedAt: number | null): OutboxRow => ({
      id,
      leadId: LEAD,
      crm: 'salesforce',
      kind: 'update',
      payload: {},
      priority: 1,
      attempts: 0,
      createdAt: 0,
      changedAt,
    });
    const lags = writeLags(
      [row('1', 1_000), row('2', 1_000), row('3', null)],
      [{ kind: 'done' }, { kind: 'retry', code: 'CRM_UNAVAILABLE', message: '503' }, { kind: 'done' }],
      4_500,
    );
    expect(lags).toEqual([{ crm: 'salesforce', seconds: 3.5 }]);
  });
});
