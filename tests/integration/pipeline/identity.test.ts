import { applyRouted } from '../../../src/app/inbound/inbound.job';
import { routeSalesforceChange, type SalesforceChange } from '../../../src/app/inbound/salesforce-changes';
import { reconcile, salesforceReadFields } from '../../../src/app/reconcile';
import { salesforceId } from '../../../src/shared/ids';
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
    const [survivor] = h.hs.seed({
      contacts: [{ email: 'dana@acme-merge.io', firstname: 'Dana', lastname: 'Buyer' }],
    }).contacts;
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
    const lead = await eventually(
      () => h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === String(id)),
      20_000,
      'the reconciled Lead',
    );
    expect(lead.Lead_Protocol_Stage__c).toBe('handed_off');
  });

  it('reconciliation brings back a rejection whose outbound message never came', async () => {
    const { contactId, lead } = await handedOff(h, 'silent-reject');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined));
    h.sf.setOutbound(null);
    await h.sales.update('Lead', [
      { id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NO_BUDGET' } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hubspotContact(h, contactId)?.leadpact_rejection_code ?? null).toBeNull();
    await reconcile(h.runtime.pipeline!.deps);
    const properties = await eventually(() => {
      const now = hubspotContact(h, contactId);
      return now?.leadpact_rejection_code === 'NO_BUDGET' ? now : undefined;
    });
    expect(properties.leadpact_stage).toBe('recycled');
  });

  it("a converted Lead's Contact arriving before the Lead's own news carries the conversion, and no Sales-sourced lead appears", async () => {
    const outbound = {
      url: `${h.baseUrl}/webhooks/salesforce`,
      fields: salesforceReadFields(h.protocol),
      retryBaseMs: 50,
    };
    h.sf.setOutbound({ ...outbound, objects: ['Lead', 'Contact', 'Opportunity', 'Task'] });
    const { contactId, lead } = await handedOff(h, 'contact-first');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined));
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    await eventually(async () =>
      (await repositories(h.db).leads.findBySalesforceId(lead.Id as never))?.stage === 'accepted' ? true : undefined,
    );
    const ledgerSize = async () => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads')).rows[0]?.n;
    const before = await ledgerSize();
    // The Lead's outbound message is held back: the new Contact's is the first news of the conversion.
    h.sf.setOutbound({ ...outbound, objects: ['Contact', 'Opportunity', 'Task'] });
    const conversion = h.sf.convertLead(String(lead.Id), { opportunity: { amount: 42_000 } });
    const converted = await eventually(
      async () => {
        const now = await repositories(h.db).leads.findBySalesforceId(conversion.contactId as never);
        return now?.stage === 'converted' ? now : undefined;
      },
      20_000,
      'the conversion recorded from the Contact',
    );
    expect(converted.hubspotContactId).toBe(contactId);
    expect(converted.opportunityId).toBe(conversion.opportunityId);
    // The Lead id still finds the lead, and its late news changes nothing.
    expect((await repositories(h.db).leads.findBySalesforceId(lead.Id as never))?.id).toBe(converted.id);
    h.sf.setOutbound({ ...outbound, objects: ['Lead', 'Contact', 'Opportunity', 'Task'] });
    await reconcile(h.runtime.pipeline!.deps);
    expect(await ledgerSize()).toBe(before);
    const sourced = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM leads WHERE state->>'source' = 'sales'",
    );
    expect(sourced.rows[0]?.n).toBe(0);
    expect((await repositories(h.db).leads.findBySalesforceId(conversion.contactId as never))?.id).toBe(converted.id);
  });

  it('a lead claiming a Salesforce record another lead holds fails alone, with IDENTITY_CONFLICT; its batch-mates are saved', async () => {
    const deps = h.runtime.pipeline!.deps;
    const hubspotIdField = h.protocol.writeBack.salesforce.hubspotContactId;
    const change = (object: 'Lead' | 'Contact', id: string, fields: Record<string, unknown>): SalesforceChange => ({
      object,
      id: salesforceId(id),
      fields: { Id: id, ...fields },
      changeId: `${id}:${Date.now()}:${Math.random()}`,
      at: Date.now(),
    });
    // Two Contacts Sales created themselves, leadpact's news of them not yet arrived.
    const [held, fresh] = h.sf.seed('Contact', [
      { LastName: 'Held', Email: 'held@conflict.test' },
      { LastName: 'Fresh', Email: 'fresh@conflict.test' },
    ]);
    await applyRouted(deps, [
      routeSalesforceChange(
        change('Contact', held!, { Email: 'held@conflict.test', OwnerId: h.sf.defaults().integrationUserId }),
        hubspotIdField,
      )!,
    ]);
    const holder = await repositories(h.db).leads.findBySalesforceId(held as never);
    expect(holder?.salesforceId).toBe(held);
    const { lead } = await handedOff(h, 'conflict');
    const claimant = await eventually(() =>
      repositories(h.db)
        .leads.findBySalesforceId(lead.Id as never)
        .then((r) => r ?? undefined),
    );
    // A conversion record naming the held Contact (as a conversion into an existing Contact would).
    const conversion = change('Lead', String(lead.Id), {
      IsConverted: true,
      ConvertedContactId: held,
      Status: 'Closed - Converted',
      OwnerId: lead.OwnerId,
    });
    const batch = [
      conversion,
      change('Contact', fresh!, { Email: 'fresh@conflict.test', OwnerId: h.sf.defaults().integrationUserId }),
    ];
    await expect(
      applyRouted(
        deps,
        batch.map((c) => routeSalesforceChange(c, hubspotIdField)!),
      ),
    ).rejects.toMatchObject({ code: 'IDENTITY_CONFLICT' });
    expect((await repositories(h.db).leads.findBySalesforceId(fresh as never))?.salesforceId).toBe(fresh);
    expect((await repositories(h.db).leads.findBySalesforceId(held as never))?.id).toBe(holder?.id);
    expect((await repositories(h.db).leads.findBySalesforceId(lead.Id as never))?.id).toBe(claimant.id);
  });
});
