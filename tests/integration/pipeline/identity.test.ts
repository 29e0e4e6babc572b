import { reconcile } from '../../../jobs/reconcile.job';
import { repositories } from '../../../src/store';
import { handedOff, hubspotContact, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

describe('identity and missed notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a merge in HubSpot re-points the Salesforce Lead to the surviving contact', async () => {
    const { contactId, lead } = await handedOff(h, 'merged-away');
    // The surviving contact existed before leadpact (imported): it has no lead of its own.
    const [survivor] = h.hs.seed({ contacts: [{ email: 'dana@acme-merge.io', firstname: 'Dana', lastname: 'Buyer' }] }).contacts;
    h.hs.user.mergeContacts(String(survivor), contactId);
    const repointed = await eventually(() => {
      const now = h.sf.records('Lead').find((l) => l.Id === lead.Id);
      return now?.HubSpot_Contact_Id__c !== contactId ? now : undefined;
    });
    const stored = await repositories(h.db).leads.findBySalesforceId(lead.Id as never);
    expect(repointed.HubSpot_Contact_Id__c).toBe(stored?.hubspotContactId);
    expect(stored?.hubspotContactId).not.toBe(contactId);
    // The merged-away id still finds the lead, so late events about it land on the survivor.
    expect((await repositories(h.db).leads.findByHubSpotId(contactId as never))?.id).toBe(stored?.id);
    expect(h.sf.records('Lead').filter((l) => l.Email === lead.Email && l.IsDeleted !== true)).toHaveLength(1);
  });

  it('reconciliation hands off a qualified contact whose webhook never came', async () => {
    // Seeded contacts send no webhooks: to leadpact, exactly like a delivery that was lost.
    const [id] = h.hs.seed({ contacts: [qualifiedContact('silent')] }).contacts;
    expect(h.sf.records('Lead').some((l) => l.HubSpot_Contact_Id__c === String(id))).toBe(false);
    await reconcile(h.runtime.pipeline!.deps);
    const lead = await eventually(() => h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === String(id)), 20_000, 'the reconciled Lead');
    expect(lead.Lead_Protocol_Stage__c).toBe('handed_off');
  });

  it('reconciliation brings back a rejection whose outbound message never came', async () => {
    const { contactId, lead } = await handedOff(h, 'silent-reject');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined));
    h.sf.setOutbound(null);
    await h.salesforce.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NO_BUDGET' } }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hubspotContact(h, contactId)?.leadpact_rejection_code ?? null).toBeNull();
    await reconcile(h.runtime.pipeline!.deps);
    const properties = await eventually(() => {
      const now = hubspotContact(h, contactId);
      return now?.leadpact_rejection_code === 'NO_BUDGET' ? now : undefined;
    });
    expect(properties.leadpact_stage).toBe('recycled');
  });
});
