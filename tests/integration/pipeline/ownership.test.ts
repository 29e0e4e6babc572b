import jsforce from 'jsforce';
import { reconcile } from '../../../src/app/reconcile';
import { repositories } from '../../../src/store';
import { handedOff, hubspotContact, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

describe('field ownership, opt-outs and deletions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function auditKinds(contactId: string): Promise<string[]> {
    const record = await repositories(h.db).leads.findByHubSpotId(contactId as never);
    return (await repositories(h.db).audit.forLead(record!.id)).map((entry) => entry.kind);
  }

  it("a marketer changing a field Sales owns is reverted to Salesforce's value, and the revert is recorded", async () => {
    const { contactId, lead } = await handedOff(h, 'owned');
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Title: 'Head of Data' } }]);
    await eventually(
      () => (hubspotContact(h, contactId)?.jobtitle === 'Head of Data' ? true : undefined),
      20_000,
      'Title flowing to HubSpot',
    );
    h.hs.user.updateContact(contactId, { jobtitle: 'Intern' });
    await eventually(
      async () => ((await auditKinds(contactId)).includes('field_reverted') ? true : undefined),
      20_000,
      'the revert in the audit trail',
    );
    await eventually(
      () => (hubspotContact(h, contactId)?.jobtitle === 'Head of Data' ? true : undefined),
      20_000,
      'jobtitle reverted in HubSpot',
    );
    expect(h.sf.records('Lead').find((l) => l.Id === lead.Id)?.Title).toBe('Head of Data');
  });

  it('a field Marketing owns flows from HubSpot to the Salesforce Lead', async () => {
    const { contactId, lead } = await handedOff(h, 'mkt-owned');
    h.hs.user.updateContact(contactId, { lastname: 'Renamed' });
    await eventually(
      () => (h.sf.records('Lead').find((l) => l.Id === lead.Id)?.LastName === 'Renamed' ? true : undefined),
      20_000,
      'LastName in Salesforce',
    );
  });

  it('a qualified contact who opted out is never handed off', async () => {
    const contact = h.hs.user.createContact(qualifiedContact('optout', { do_not_contact: 'true' }));
    const stored = await eventually(
      async () => (await repositories(h.db).leads.findByHubSpotId(contact.id as never)) ?? undefined,
    );
    await h.runtime.pipeline!.relays.salesforce.flushOnce(true);
    expect(stored.retired).toBe(true);
    expect(h.sf.records('Lead').some((l) => l.Email === 'buyeroptout@acme-optout.io')).toBe(false);
  });

  it('a Lead Sales deleted in Salesforce is never re-created, even when the contact changes again', async () => {
    const { contactId, lead } = await handedOff(h, 'deleted');
    const conn = new jsforce.Connection({
      instanceUrl: h.sf.url,
      // The rep who owns the Lead deletes it: leadpact's own permission set grants no Delete.
      accessToken: h.sf.mintAccessToken(String(lead.OwnerId)),
      version: h.sf.apiVersion,
    });
    await conn.sobject('Lead').destroy(String(lead.Id));
    await reconcile(h.runtime.pipeline!.deps);
    await eventually(
      async () => ((await auditKinds(contactId)).includes('violation') ? true : undefined),
      20_000,
      'the deletion recorded',
    );
    h.hs.user.updateContact(contactId, { jobtitle: 'Chief Data Officer', demo_requested_date: String(Date.now()) });
    await h.hs.flushWebhooks();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await h.runtime.pipeline!.relays.salesforce.flushOnce(true);
    const live = h.sf.records('Lead').filter((l) => l.HubSpot_Contact_Id__c === contactId && l.IsDeleted !== true);
    expect(live).toHaveLength(0);
  });

  it('a contact deleted in HubSpot retires its lead, with the reason in the audit trail', async () => {
    const { contactId } = await handedOff(h, 'hs-deleted');
    h.hs.user.archiveContact(contactId);
    await eventually(
      async () =>
        (await repositories(h.db).leads.findByHubSpotId(contactId as never))?.retired === true ? true : undefined,
      20_000,
      'the retirement',
    );
    expect(await auditKinds(contactId)).toContain('retired');
  });
});
