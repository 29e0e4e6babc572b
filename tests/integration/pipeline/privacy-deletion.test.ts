import { Client } from '@hubspot/api-client';
import { repositories } from '../../../src/store';
import { handedOff } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

/**
 * A marketer's GDPR delete in HubSpot reaches leadpact as two webhooks, contact.deletion and
 * contact.privacyDeletion (the simulator sends both, as HubSpot does): the lead must end up erased,
 * not merely retired as deleted.
 */
describe('a GDPR delete in HubSpot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('retires the lead and erases the e-mail and properties leadpact kept of the contact', async () => {
    const { contactId } = await handedOff(h, 'gdpr');
    const leads = repositories(h.db).leads;
    const before = await leads.findByHubSpotId(contactId as never);
    expect(before?.email).toContain('@');
    const hubspot = new Client({ accessToken: h.hs.credentials.accessToken, basePath: h.hs.url });
    await hubspot.crm.contacts.basicApi.purge({ objectId: contactId });
    await h.hs.flushWebhooks();
    const erased = await eventually(
      async () => {
        const lead = await leads.findByHubSpotId(contactId as never);
        return lead?.retired === true && lead.email === null ? lead : undefined;
      },
      20_000,
      'the lead erased',
    );
    const state = erased.state as { crm: { hubspot: object }; touches: unknown[]; retired: { reason: string } };
    expect(state.retired.reason).toBe('privacy_deleted');
    expect(state.crm.hubspot).toEqual({});
    expect(state.touches).toEqual([]);
    expect(erased.stage).toBe(before?.stage);
    const audit = await repositories(h.db).audit.forLead(erased.id);
    const retirements = audit.filter((entry) => entry.kind === 'retired').map((entry) => JSON.stringify(entry.detail));
    expect(retirements.some((detail) => detail.includes('deleted for privacy (GDPR)'))).toBe(true);
  });
});
