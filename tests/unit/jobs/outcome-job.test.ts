import { inboundJobSchema } from '../../../src/app/inbound/inbound.schema';
import { leadId, salesforceId } from '../../../src/shared/ids';

const LEAD = leadId('6f1c3a52-5d0e-4a7b-9c4e-1d2f3a4b5c6d');
const completed = {
  type: 'salesforce.handoff.completed',
  id: 'k:completed',
  at: 1_000,
  salesforceId: salesforceId('00Q000000000001AAA'),
  object: 'Lead',
  handoffKey: 'k',
  ownerId: null,
  created: true,
};

describe('an inbound job of write outcomes', () => {
  it('carries the outcome events of a relay, each with the lead its write was for', () => {
    const job = { source: 'outcome', outcomes: [{ leadId: LEAD, event: completed }] };
    expect(inboundJobSchema.parse(job)).toEqual(job);
  });

  it('refuses any other event: only the outcome of a write comes back from a relay', () => {
    const accept = { type: 'manual.accept', id: 'm1', at: 1_000, actor: 'ops' };
    expect(inboundJobSchema.safeParse({ source: 'outcome', outcomes: [{ leadId: LEAD, event: accept }] }).success).toBe(
      false,
    );
    expect(inboundJobSchema.safeParse({ source: 'outcome', outcomes: [] }).success).toBe(false);
  });
});
