import { repositories } from '../../../src/store';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

import { qualifiedContact } from '../../support/contacts';

describe('hand-off: HubSpot → Salesforce', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('turns a qualified HubSpot contact into a Salesforce Lead carrying every protocol field', async () => {
    const contact = h.hs.user.createContact(qualifiedContact(1));
    const lead = await eventually(
      () => h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === contact.id),
      20_000,
      'the Lead in Salesforce',
    );
    expect(lead).toMatchObject({
      LastName: 'Buyer 1',
      FirstName: 'Dana',
      Company: 'Acme 1',
      Email: 'buyer1@acme-1.io',
      Country: 'United Kingdom',
      Status: 'Open - Not Contacted',
      LeadSource: 'Phone Inquiry',
      Lead_Protocol_Stage__c: 'handed_off',
      Protocol_Version__c: '2026.1',
      SLA_Status__c: 'On Track',
    });
    expect(Number(lead.Fit_Score__c)).toBeGreaterThanOrEqual(50);
    expect(Number(lead.Readiness_Score__c)).toBeGreaterThanOrEqual(40);
    expect(String(lead.Qualification_Summary__c)).toMatch(/demo/i);
    for (const field of ['MQL_At__c', 'Handoff_At__c', 'SLA_Accept_Due__c'])
      expect(Date.parse(String(lead[field]))).not.toBeNaN();
    expect(String(lead.OwnerId)).toMatch(/^005/);

    const stored = await eventually(async () => {
      const record = await repositories(h.db).leads.findByHubSpotId(contact.id as never);
      return record?.salesforceId === null ? undefined : (record ?? undefined);
    });
    expect(stored).toMatchObject({
      stage: 'handed_off',
      salesforceId: lead.Id,
      territory: 'emea',
      campaign: 'spring-webinar',
    });
    const feedback = await eventually(() => {
      const now = h.hs.contacts().find((c) => c.id === contact.id);
      return now?.properties.leadpact_salesforce_id === lead.Id ? now : undefined;
    });
    expect(feedback.properties).toMatchObject({
      leadpact_stage: 'handed_off',
      leadpact_sla_status: 'On Track',
      leadpact_protocol_version: '2026.1',
    });
  });

  it('does not push a contact that is not qualified', async () => {
    const contact = h.hs.user.createContact(
      qualifiedContact(2, { demo_requested_date: '', jobtitle: 'Student', industry: 'EDUCATION' }),
    );
    const stored = await eventually(
      async () => (await repositories(h.db).leads.findByHubSpotId(contact.id as never)) ?? undefined,
    );
    expect(['new', 'nurturing']).toContain(stored.stage);
    await h.runtime.pipeline?.relays.salesforce.flushOnce(true);
    expect(h.sf.records('Lead').some((l) => l.HubSpot_Contact_Id__c === contact.id)).toBe(false);
  });
});
