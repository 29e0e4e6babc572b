import { repositories } from '../../../src/store';
import { salesforceId } from '../../../src/shared/ids';
import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import { cdcEvents, outboundMessages, retrieves, salesUser, settled, storedLead } from './cdc-scenarios';

/**
 * SALESFORCE_CHANGES=cdc: the simulated org sends no outbound message, and Sales' answers reach
 * HubSpot through Change Data Capture alone, applied from the events' own values.
 */
describe('Salesforce changes through Change Data Capture', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ salesforceChanges: 'cdc' });
  });
  afterAll(async () => {
    await h.close();
  });

  const stored = (id: unknown) => storedLead(h, id);

  it('an acceptance reaches HubSpot with no outbound message and no read of the Lead', async () => {
    const { contactId, lead } = await handedOff(h, 'cdc-accept');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined));
    // The hand-off's own change events are behind us: what is read from here on is for the rep's update.
    await settled(h);
    const retrievesBefore = retrieves(h);
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_stage === 'accepted' ? true : undefined));
    expect(outboundMessages(h)).toBe(0);
    expect(retrieves(h)).toBe(retrievesBefore);
    expect(await cdcEvents(h)).toBeGreaterThan(0);
  });

  it('a rejection with a code reaches HubSpot with its recycle action', async () => {
    const { contactId, lead } = await handedOff(h, 'cdc-reject');
    await h.sales.update('Lead', [
      { id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' } },
    ]);
    const properties = await eventually(() => {
      const now = hubspotContact(h, contactId);
      return now?.leadpact_rejection_code === 'NOT_READY' ? now : undefined;
    });
    expect(properties.leadpact_stage).toBe('recycled');
    expect(outboundMessages(h)).toBe(0);
  });

  it('a conversion and a won Opportunity reach HubSpot', async () => {
    const { contactId, lead } = await handedOff(h, 'cdc-convert');
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(async () => ((await stored(lead.Id))?.stage === 'accepted' ? true : undefined));
    const conversion = h.sf.convertLead(String(lead.Id), {
      opportunity: { amount: 42_000, stageName: 'Qualification' },
      asUser: String(lead.OwnerId),
    });
    await eventually(async () => ((await stored(conversion.contactId))?.stage === 'converted' ? true : undefined));
    await h.sales.update('Opportunity', [
      {
        id: salesforceId(String(conversion.opportunityId)),
        fields: { StageName: 'Closed Won', CloseDate: new Date().toISOString().slice(0, 10) },
      },
    ]);
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_stage === 'won' ? true : undefined));
    expect(outboundMessages(h)).toBe(0);
  });

  it('a transaction whose events were lost (GAP_UPDATE) is read back, and the answer applied', async () => {
    const { lead } = await handedOff(h, 'cdc-gap');
    await eventually(async () => ((await stored(lead.Id))?.salesforceId === lead.Id ? true : undefined));
    const retrievesBefore = retrieves(h);
    // The rep's own update is the transaction whose values the org loses.
    h.sf.pubsub?.dropTransactions(1, { recordId: String(lead.Id), userId: salesUser(h) });
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(async () => ((await stored(lead.Id))?.stage === 'accepted' ? true : undefined));
    expect(retrieves(h)).toBeGreaterThan(retrievesBefore);
  });

  it('a deleted Lead is caught by the reconciliation the delete event asks for', async () => {
    const { lead } = await handedOff(h, 'cdc-delete');
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(async () => ((await stored(lead.Id))?.stage === 'accepted' ? true : undefined));
    const record = await stored(lead.Id);
    const rep = h.sf.mintAccessToken(String(lead.OwnerId));
    const removed = await fetch(`${h.sf.url}/services/data/v${h.sf.apiVersion}/sobjects/Lead/${String(lead.Id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${rep}` },
    });
    expect(removed.status).toBe(204);
    const after = await eventually(async () => {
      const now = await repositories(h.db).leads.findById(record!.id);
      return now?.salesforceId === null ? now : undefined;
    }, 20_000);
    expect(after.stage).toBe('rejected');
    expect(outboundMessages(h)).toBe(0);
  });

  // Last: it ends every session, the harness's `sales` connector's included.
  it("after the integration user's session expires, the stream re-authenticates and the next answer arrives", async () => {
    const { contactId, lead } = await handedOff(h, 'cdc-expired');
    await eventually(async () => ((await stored(lead.Id))?.salesforceId === lead.Id ? true : undefined));
    await settled(h);
    // The org ends every open stream of an expired session (UNAUTHENTICATED); the subscriber must log in again.
    h.sf.expireSessions();
    const eventsBefore = await cdcEvents(h);
    // The rep works on in a session of their own (the harness's own connectors' sessions are gone too).
    const rep = h.sf.mintAccessToken(String(lead.OwnerId));
    const updated = await fetch(`${h.sf.url}/services/data/v${h.sf.apiVersion}/sobjects/Lead/${String(lead.Id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${rep}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Status: 'Working - Contacted' }),
    });
    expect(updated.status).toBe(204);
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_stage === 'accepted' ? true : undefined));
    expect(await cdcEvents(h)).toBeGreaterThan(eventsBefore);
    expect(outboundMessages(h)).toBe(0);
  });
});
