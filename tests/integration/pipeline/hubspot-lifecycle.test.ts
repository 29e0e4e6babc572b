import { salesforceId } from '../../../src/shared/ids';
import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

/** HubSpot's own funnel (lifecyclestage, hs_lead_status) follows the lead, as marketers' reports read it. */
describe("HubSpot's lifecycle stage and lead status follow the lead", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Waits until the contact's lifecycle stage and lead status are these. */
  function funnel(contactId: string, lifecyclestage: string, status: string | null, what: string) {
    return eventually(
      () => {
        const now = hubspotContact(h, contactId);
        return now?.lifecyclestage === lifecyclestage && (now.hs_lead_status ?? null) === status ? now : undefined;
      },
      20_000,
      what,
    );
  }

  it('through hand-off, acceptance, conversion and a win', async () => {
    const { contactId, lead } = await handedOff(h, 'funnel');
    await funnel(contactId, 'marketingqualifiedlead', 'NEW', 'the hand-off in HubSpot');

    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await funnel(contactId, 'salesqualifiedlead', 'OPEN', 'the acceptance in HubSpot');

    const conversion = h.sf.convertLead(String(lead.Id), {
      opportunity: { amount: 42_000, stageName: 'Qualification' },
      asUser: String(lead.OwnerId),
    });
    await funnel(contactId, 'opportunity', 'OPEN_DEAL', 'the conversion in HubSpot');

    const [won] = await h.sales.update('Opportunity', [
      {
        id: salesforceId(String(conversion.opportunityId)),
        fields: { StageName: 'Closed Won', CloseDate: new Date().toISOString().slice(0, 10) },
      },
    ]);
    expect(won?.ok).toBe(true);
    const customer = await funnel(contactId, 'customer', 'OPEN_DEAL', 'the win in HubSpot');
    expect(customer.leadpact_stage).toBe('won');
    // HubSpot stamps each stage the contact entered.
    for (const stage of ['marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'])
      expect(customer[`hs_lifecyclestage_${stage}_date`]).toEqual(expect.any(String));
  });

  it('moves back on recycling, clearing the stage first as HubSpot requires', async () => {
    const { contactId, lead } = await handedOff(h, 'recycle');
    await funnel(contactId, 'marketingqualifiedlead', 'NEW', 'the hand-off in HubSpot');
    await h.sales.update('Lead', [
      { id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' } },
    ]);
    const recycled = await funnel(contactId, 'lead', 'BAD_TIMING', 'the recycling in HubSpot');
    expect(recycled.leadpact_stage).toBe('recycled');
  });

  it('never moves a customer back', async () => {
    const { contactId, lead } = await handedOff(h, 'customer', { lifecyclestage: 'customer' });
    await eventually(() => (hubspotContact(h, contactId)?.hs_lead_status === 'NEW' ? true : undefined));
    await h.sales.update('Lead', [
      { id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' } },
    ]);
    const recycled = await eventually(() => {
      const now = hubspotContact(h, contactId);
      return now?.leadpact_stage === 'recycled' ? now : undefined;
    });
    expect(recycled.hs_lead_status).toBe('BAD_TIMING');
    expect(recycled.lifecyclestage).toBe('customer');
  });
});
