import { repositories } from '../../../src/store';
import { acceleratedClock } from '../../../src/shared/clock';
import { qualifiedContact, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

// Monday 23 November 2026, 10:00 in London: EMEA working hours (09:00-17:30).
const MONDAY_10_LONDON = Date.parse('2026-11-23T10:00:00Z');
// One real second is two hours of protocol time: the 4-business-hour acceptance SLA runs out in ~2 s.
const FACTOR = 7_200;

describe('the SLA ladder, when Sales ignores a lead', () => {
  let h: Harness;
  beforeAll(async () => {
    const clock = acceleratedClock(MONDAY_10_LONDON, FACTOR);
    h = await startHarness({
      clock,
      salesforceSessionTtlMs: 30 * 86_400_000,
      pipeline: { timerSweepEveryMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('breaches, tells the manager, reassigns with a fresh window, then returns the lead to Marketing', async () => {
    const contact = h.hs.user.createContact(qualifiedContact('ignored', {}, MONDAY_10_LONDON));
    const lead = await eventually(
      () => h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === contact.id),
      20_000,
      'the Lead',
    );
    const firstOwner = lead.OwnerId;
    expect(lead.SLA_Status__c).toBe('On Track');

    // Step 1 at the breach (Monday 14:00): a Task for the owner's manager, and the lead shows Breached.
    const task = await eventually(
      () => h.sf.records('Task').find((t) => t.WhoId === lead.Id),
      30_000,
      'the escalation Task',
    );
    expect(String(task.Subject)).toMatch(/SLA breached/);
    await eventually(
      () => (h.sf.records('Lead').find((l) => l.Id === lead.Id)?.SLA_Status__c === 'Breached' ? true : undefined),
      10_000,
      'Breached',
    );
    await eventually(
      () => (hubspotContact(h, contact.id)?.leadpact_sla_status === 'Breached' ? true : undefined),
      10_000,
      'Breached in HubSpot',
    );

    // Step 2, four business hours later: another rep, with a full window of their own.
    const reassigned = await eventually(
      () => {
        const now = h.sf.records('Lead').find((l) => l.Id === lead.Id);
        return now !== undefined && now.OwnerId !== firstOwner ? now : undefined;
      },
      30_000,
      'the reassignment',
    );
    expect(String(reassigned.OwnerId)).toMatch(/^005/);

    // Step 3, when the new window is breached too and eight more business hours pass: back to Marketing.
    const returned = await eventually(
      () => {
        const now = hubspotContact(h, contact.id);
        return now?.leadpact_stage === 'recycled' ? now : undefined;
      },
      40_000,
      'the return to Marketing',
    );
    expect(returned.leadpact_sales_feedback).toMatch(/Returned to Marketing/);
    expect(h.sf.records('Lead').find((l) => l.Id === lead.Id)?.Status).toBe('Closed - Not Converted');
    const record = await repositories(h.db).leads.findByHubSpotId(contact.id as never);
    const escalations = (await repositories(h.db).audit.forLead(record!.id))
      .filter((entry) => entry.kind === 'escalation')
      .map((entry) => String(entry.detail.text));
    expect(escalations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/notify_manager/),
        expect.stringMatching(/reassign/),
        expect.stringMatching(/return_to_marketing/),
      ]),
    );
    // leadpact's own Task reached it as an outbound message too, and was not taken for Sales touching the lead.
    expect(h.sf.outboundStats().notificationsDelivered).toBeGreaterThan(0);
    expect(record?.firstTouchAt).toBeNull();
    // The owner changed once, to the rep Salesforce shows: no message from before the reassignment put the first rep back.
    expect(record?.ownerId).toBe(reassigned.OwnerId);
    const ownerChanges = (await repositories(h.db).audit.forLead(record!.id)).filter(
      (entry) => entry.kind === 'owner_changed',
    );
    expect(ownerChanges).toHaveLength(1);
  });
});
