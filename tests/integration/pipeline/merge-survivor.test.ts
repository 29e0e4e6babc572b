import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import { repositories } from '../../../src/store';

/**
 * HubSpot merges keep the primary's values and fill its gaps from the other contact, so the
 * surviving contact can carry the other lead's leadpact_* values; leadpact rewrites its own.
 */
describe('a HubSpot merge of two contacts that both have leads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("leaves the survivor with the surviving lead's state only, nothing of the other's", async () => {
    const kept = await handedOff(h, 'merge-kept');
    const dropped = await handedOff(h, 'merge-dropped');
    await h.sales.update('Lead', [{ id: kept.lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await h.sales.update('Lead', [
      { id: dropped.lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'DUPLICATE' } },
    ]);
    await eventually(() => (hubspotContact(h, kept.contactId)?.leadpact_stage === 'accepted' ? true : undefined));
    await eventually(() =>
      hubspotContact(h, dropped.contactId)?.leadpact_rejection_code === 'DUPLICATE' ? true : undefined,
    );

    const survivor = h.hs.user.mergeContacts(kept.contactId, dropped.contactId);
    const after = await eventually(
      () => {
        const now = hubspotContact(h, survivor.id);
        return now?.leadpact_stage === 'accepted' && (now.leadpact_rejection_code ?? '') === '' ? now : undefined;
      },
      20_000,
      "the survivor cleared of the other lead's rejection",
    );
    expect(after.leadpact_sales_feedback).toMatch(/accepted/i);
    const lead = await repositories(h.db).leads.findByHubSpotId(survivor.id as never);
    expect(lead?.salesforceId).toBe(kept.lead.Id);
  });
});
