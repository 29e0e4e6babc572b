import { repositories } from '../../../src/store';
import { salesforceId } from '../../../src/shared/ids';
import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

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

  const stored = (id: unknown) => repositories(h.db).leads.findBySalesforceId(id as never);
  const cdcEvents = async () =>
    (await h.metrics.registry.getSingleMetricAsString('leadpact_cdc_events_total'))
      .split('\n')
      .filter((line) => line.startsWith('leadpact_cdc_events_total'))
      .map((line) => Number(line.split(' ')[1]))[0] ?? 0;

  it('an acceptance reaches HubSpot with no outbound message and no read of the Lead', async () => {
    const { contactId, lead } = await handedOff(h, 'cdc-accept');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined));
    const retrievesBefore = retrieves(h);
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_stage === 'accepted' ? true : undefined));
    expect(h.sf.outboundStats().messagesDelivered).toBe(0);
    expect(retrieves(h)).toBe(retrievesBefore);
    expect(await cdcEvents()).toBeGreaterThan(0);
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
    expect(h.sf.outboundStats().messagesDelivered).toBe(0);
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
    expect(h.sf.outboundStats().messagesDelivered).toBe(0);
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
  });
});

/** REST reads of records: sObject Collections retrieve, SOQL queries, single-record reads. */
function retrieves(h: Harness): number {
  return Object.entries(h.sf.calls().byRoute)
    .filter(([route]) => /^(POST|GET) \/composite\/sobjects\/:type$|^GET \/(query|sobjects\/:type\/:id)$/.test(route))
    .reduce((total, [, n]) => total + n, 0);
}

/** The user the harness's `sales` connector acts as (the first active user who is not leadpact's). */
function salesUser(h: Harness): string {
  const { userIds, integrationUserId } = h.sf.defaults();
  return userIds.find((id) => id !== integrationUserId) ?? '';
}
