import { salesforceId } from '../../../src/shared/ids';
import { repositories } from '../../../src/store';
import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import { cdcEventsHandled, outboundMessages, retrieves, settled, storedLead } from './cdc-scenarios';

/**
 * SALESFORCE_CHANGES=cdc, the rest of Sales' answers: a rep's first touch (a Task or Event on the
 * Lead), a lost Opportunity, and a Lead merged into another. No outbound message is sent; a change
 * the event fully describes costs no Salesforce read.
 */
describe('Sales answers through Change Data Capture', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ salesforceChanges: 'cdc' });
  });
  afterAll(async () => {
    await h.close();
  });

  /** A handed-off Lead the rep accepted, as the ledger has it. */
  async function accepted(name: string) {
    const handed = await handedOff(h, name);
    await h.sales.update('Lead', [{ id: handed.lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(async () => ((await storedLead(h, handed.lead.Id))?.stage === 'accepted' ? true : undefined));
    return handed;
  }

  /** The rep who owns the Lead logs an activity on it; resolves with the lead once its first touch is the activity's creation. */
  async function touchedBy(object: 'Task' | 'Event', lead: Readonly<Record<string, unknown>>, fields: object) {
    const rep = String(lead.OwnerId);
    const [id] = h.sf.seed(object, [{ WhoId: lead.Id, OwnerId: rep, CreatedById: rep, ...fields }], { notify: true });
    const touched = await eventually(async () => {
      const now = await storedLead(h, lead.Id);
      return now && now.firstTouchAt !== null ? now : undefined;
    });
    const logged = h.sf.records(object).find((record) => record.Id === id);
    expect(touched.firstTouchAt).toBe(Date.parse(String(logged?.CreatedDate)));
    return touched;
  }

  it("a rep's logged call is the first touch, read from the Task's create event alone", async () => {
    const { lead } = await accepted('cdc-touch');
    const readsBefore = retrieves(h);
    const touched = await touchedBy('Task', lead, {
      Subject: 'Discovery call',
      Status: 'Completed',
      TaskSubtype: 'Call',
    });
    expect(touched.stage).toBe('working');
    expect(retrieves(h)).toBe(readsBefore);
    expect(outboundMessages(h)).toBe(0);
  });

  it("a Task leadpact's own user creates is no touch; a meeting the rep books is", async () => {
    const { lead } = await accepted('cdc-meeting');
    // Committed first: had it counted, the first touch would be its creation, not the meeting's.
    await h.salesforce.create('Task', [
      { fields: { WhoId: lead.Id as never, Subject: 'Reminder', Status: 'Not Started' } },
    ]);
    const start = new Date(Date.now() + 86_400_000).toISOString();
    await touchedBy('Event', lead, { Subject: 'Demo', StartDateTime: start, DurationInMinutes: 30 });
    expect(outboundMessages(h)).toBe(0);
  });

  it('a won and a lost Opportunity reach HubSpot with their amounts, read from the events alone', async () => {
    const outcomes = [
      { name: 'cdc-won', stage: 'Closed Won', expected: 'won' },
      { name: 'cdc-lost', stage: 'Closed Lost', expected: 'lost' },
    ];
    for (const { name, stage, expected } of outcomes) {
      const { contactId, lead } = await accepted(name);
      // The acceptance's own write-back has reached the Lead: a write that met the Lead converted
      // would be retargeted to its Contact after one read, which is not the events' doing.
      await settled(h);
      const readsBefore = retrieves(h);
      const conversion = h.sf.convertLead(String(lead.Id), {
        opportunity: { amount: 42_000, stageName: 'Qualification' },
        asUser: String(lead.OwnerId),
      });
      await eventually(async () =>
        (await storedLead(h, conversion.contactId))?.stage === 'converted' ? true : undefined,
      );
      await h.sales.update('Opportunity', [
        {
          id: salesforceId(String(conversion.opportunityId)),
          fields: { StageName: stage, CloseDate: new Date().toISOString().slice(0, 10) },
        },
      ]);
      const closed = await eventually(() => {
        const now = hubspotContact(h, contactId);
        return now?.leadpact_stage === expected ? now : undefined;
      });
      expect(closed.leadpact_sales_feedback).toMatch(/amount 42000/);
      // The close names its stage but not the amount it kept: the lead has it from the conversion's create event.
      expect(retrieves(h)).toBe(readsBefore);
    }
    expect(outboundMessages(h)).toBe(0);
  });

  it('an Opportunity no lead is linked to changes at no cost', async () => {
    await settled(h);
    const readsBefore = retrieves(h);
    const handledBefore = await cdcEventsHandled(h);
    const closeDate = new Date().toISOString().slice(0, 10);
    const [created] = await h.sales.create('Opportunity', [
      { fields: { Name: 'Renewal, not from a lead', StageName: 'Prospecting', CloseDate: closeDate, Amount: 5_000 } },
    ]);
    if (created === undefined || !created.ok) throw new Error('the Opportunity was not created');
    await h.sales.update('Opportunity', [{ id: created.id, fields: { StageName: 'Closed Won' } }]);
    // Counted once the batch's reads are done: its create and its close, which leaves Amount out.
    await eventually(async () => ((await cdcEventsHandled(h)) >= handledBefore + 2 ? true : undefined));
    expect(retrieves(h)).toBe(readsBefore);
  });

  it('a Lead merged into another: the survivor carries the HubSpot link, and its answers reach the contact', async () => {
    const { contactId, lead } = await accepted('cdc-merged');
    const [master] = h.sf.seed('Lead', [
      { LastName: 'Survivor', Company: 'Merge Survivors', Email: 'survivor@merge.test' },
    ]);
    h.sf.merge(String(master), [String(lead.Id)]);
    const repointed = await eventually(
      async () => {
        const now = await repositories(h.db).leads.findByHubSpotId(contactId as never);
        return now !== null && now.salesforceId === master ? now : undefined;
      },
      20_000,
      'the lead repointed to the surviving Lead',
    );
    expect(repointed.stage).toBe('accepted');
    // The reconciliation the merge asked for is done; the survivor did not become a lead of its own.
    await settled(h);
    expect((await storedLead(h, master))?.id).toBe(repointed.id);
    const readsBefore = retrieves(h);
    await h.sales.update('Lead', [
      { id: master as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' } },
    ]);
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_rejection_code === 'NOT_READY' ? true : undefined));
    // The survivor is a Lead the ledger follows now: its update is applied from the event alone.
    expect(retrieves(h)).toBe(readsBefore);
    expect(outboundMessages(h)).toBe(0);
  });
});
