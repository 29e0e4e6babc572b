import { formatMoment, momentOf, Narrator, type AuditRow } from '../../../src/demo/narration';
import { statusLine } from '../../../src/demo/status-line';
import { EMAIL, exampleProtocol } from './demo-fixture';

const protocol = exampleProtocol();
const context = {
  protocol,
  describe: (id: string) => (id === '101' ? 'Northwind Labs, Germany' : null),
  timeZone: 'UTC',
};
// Tuesday 3 March 2026, 10:42 UTC.
const AT = Date.parse('2026-03-03T10:42:00Z');

function row(
  kind: string,
  text: string,
  extra: Partial<AuditRow> = {},
  lead: Partial<AuditRow['lead']> = {},
): AuditRow {
  return {
    id: 1,
    at: AT,
    kind,
    toStage: null,
    transition: null,
    text,
    ...extra,
    lead: {
      salesforceId: '00Q5g0000100001EAA',
      hubspotContactId: '101',
      rejectionCode: null,
      amount: null,
      slaStatus: 'On Track',
      slaAcceptDueAt: null,
      timeToAcceptMin: null,
      ...lead,
    },
  };
}

describe('the narrated moments', () => {
  it('tell a rejection with its code and what Marketing does next, with the date nurturing ends', () => {
    const moment = momentOf(
      row(
        'transition',
        'rejected -> recycled (rejection_recycle)',
        { toStage: 'recycled', transition: 'rejection_recycle' },
        { rejectionCode: 'NOT_READY' },
      ),
      context,
    );
    expect(moment && formatMoment(moment, 'UTC')).toBe(
      'Tue 10:42 — Sales rejected Lead 00Q5g0000100001EAA (Northwind Labs, Germany): NOT_READY → back to nurturing until Mon 1 Jun',
    );
  });

  it('tell each kind of moment the protocol cares about', () => {
    const told = [
      momentOf(
        row(
          'handoff_completed',
          'created Salesforce Lead 00Q5g0000100001EAA',
          {},
          { slaAcceptDueAt: Date.parse('2026-03-03T14:42:00Z') },
        ),
        context,
      ),
      momentOf(
        row(
          'transition',
          'handed_off -> accepted',
          { toStage: 'accepted', transition: 'sales_accepted' },
          { timeToAcceptMin: 37 },
        ),
        context,
      ),
      momentOf(
        row(
          'transition',
          'handed_off -> accepted',
          { toStage: 'accepted', transition: 'sales_accepted' },
          { timeToAcceptMin: 330, slaStatus: 'Breached' },
        ),
        context,
      ),
      momentOf(row('violation', 'rejection_without_code: Sales rejected the lead without a rejection code'), context),
      momentOf(row('escalation', 'SLA accept escalation step 1: notify_manager'), context),
      momentOf(row('escalation', 'SLA first_touch escalation step 1: notify_manager'), context),
      momentOf(row('escalation', 'SLA accept escalation step 2: reassign'), context),
      momentOf(row('escalation', 'SLA accept escalation step 3: return_to_marketing'), context),
      momentOf(
        row('field_reverted', "hubspot changed jobtitle, which salesforce owns; the owner's value is written back"),
        context,
      ),
      momentOf(row('retired', 'retired: merged into another contact'), context),
      momentOf(row('transition', 'working -> converted', { toStage: 'converted' }), context),
      momentOf(
        row(
          'transition',
          'converted -> won',
          { toStage: 'won' },
          { amount: 42_000, salesforceId: '0035g0000100001AAA' },
        ),
        context,
      ),
      momentOf(row('transition', 'converted -> lost', { toStage: 'lost' }, { amount: 9_500 }), context),
      momentOf(row('violation', 'marketing_sla_breached: Marketing did not fix the data within its SLA'), context),
    ].map((moment) => moment?.text);
    expect(told).toEqual([
      'Lead 00Q5g0000100001EAA (Northwind Labs, Germany) qualified and handed off to Sales; Sales must accept or reject it by Tue 14:42',
      'Sales accepted Lead 00Q5g0000100001EAA (Northwind Labs, Germany) after 37 min of business time',
      'Sales accepted Lead 00Q5g0000100001EAA (Northwind Labs, Germany) after 5.5 h of business time, past its SLA: the breach stays on the record',
      'Sales rejected Lead 00Q5g0000100001EAA (Northwind Labs, Germany) without a reason code → protocol violation, reported to both sides',
      'SLA breached on Lead 00Q5g0000100001EAA (Northwind Labs, Germany): not accepted within 4 business hours → a Task for the manager',
      'SLA breached on Lead 00Q5g0000100001EAA (Northwind Labs, Germany): no first call within its window → a Task for the manager',
      'Still no answer on Lead 00Q5g0000100001EAA (Northwind Labs, Germany) → reassigned to another rep, with a fresh window',
      'Nobody in Sales took Lead 00Q5g0000100001EAA (Northwind Labs, Germany) → returned to Marketing for nurturing',
      "A marketer changed jobtitle of Lead 00Q5g0000100001EAA (Northwind Labs, Germany), which Sales owns → the owner's value was written back",
      'Marketing merged the duplicate contact in HubSpot; Lead 00Q5g0000100001EAA (Northwind Labs, Germany) retired, the original carries on',
      'Sales converted the lead of Northwind Labs, Germany into an opportunity',
      'Won: Northwind Labs, Germany, 42,000; Marketing sees the revenue on the HubSpot contact',
      'Lost: Northwind Labs, Germany, 9,500',
      'Marketing missed its own SLA on Lead 00Q5g0000100001EAA (Northwind Labs, Germany): Marketing did not fix the data within its SLA',
    ]);
  });

  it('leave out the rest of the audit trail, and never name a person', () => {
    expect(
      momentOf(
        row('transition', 'new -> nurturing (evaluated)', { toStage: 'nurturing', transition: 'evaluated' }),
        context,
      ),
    ).toBeNull();
    expect(momentOf(row('sla', 'SLA accept at risk: due 2026-03-03T14:42:00.000Z'), context)).toBeNull();
    expect(momentOf(row('owner_changed', 'owner a -> b'), context)).toBeNull();
    const unknown = momentOf(row('handoff_completed', 'created', {}, { hubspotContactId: '999' }), context);
    expect(unknown?.text).toBe('Lead 00Q5g0000100001EAA qualified and handed off to Sales');
    expect(unknown?.text).not.toMatch(EMAIL);
  });
});

describe('the narrator', () => {
  const moment = (category: string) => ({ category, at: AT, text: category });

  it('tells each kind twice at most, and a repeat only after a pause, so the screen never floods', () => {
    const narrator = new Narrator(2, 2_000);
    expect(narrator.admit(moment('reject'), 0)).toBe(true);
    expect(narrator.admit(moment('breach'), 100)).toBe(true);
    expect(narrator.admit(moment('reject'), 500)).toBe(false);
    expect(narrator.admit(moment('reject'), 2_200)).toBe(true);
    expect(narrator.admit(moment('reject'), 9_000)).toBe(false);
    expect(narrator.admit(moment('won'), 9_000)).toBe(true);
  });
});

describe('the status line', () => {
  it('shows the simulated day and time and the funnel so far', () => {
    const counts = { mqls: 38, handedOff: 35, accepted: 22, rejected: 6, breached: 4, won: 3, wonAmount: 96_500 };
    expect(statusLine(AT, 'UTC', 143, counts)).toBe(
      'Tue 3 Mar 10:42 UTC · contacts 143 · MQLs 38 · handed off 35 · accepted 22 · rejected 6 · breached 4 · won 3 (96,500)',
    );
  });
});
