import { changedNothing, hubspotPropertySpec, salesforceFieldSpecs, webhookSubscriptions } from '../../../src/ops/provision';
import { shippedProtocol } from './protocol-fixture';

describe('what `leadpact provision` creates', () => {
  const protocol = shippedProtocol();

  it('creates the lead fields on Lead and on Contact, and the campaign metrics on Campaign, once each', () => {
    const specs = salesforceFieldSpecs(protocol);
    const names = specs.map((spec) => `${spec.object}.${spec.name}`);
    expect(new Set(names).size).toBe(names.length);
    for (const object of ['Lead', 'Contact']) {
      expect(names).toEqual(expect.arrayContaining([`${object}.HubSpot_Contact_Id__c`, `${object}.Lead_Protocol_Stage__c`, `${object}.SLA_Status__c`, `${object}.Rejection_Code__c`]));
    }
    expect(specs.find((spec) => spec.object === 'Contact' && spec.name === 'HubSpot_Contact_Id__c')).toMatchObject({ externalId: true, unique: true });
    expect(names).toEqual(expect.arrayContaining(['Campaign.Leadpact_MQLs__c', 'Campaign.Leadpact_Wastage_Rate__c', 'Campaign.Leadpact_SLA_Compliance__c']));
  });

  it('keeps every label within the 40 characters Salesforce allows', () => {
    for (const spec of salesforceFieldSpecs(protocol)) expect(spec.label.length).toBeLessThanOrEqual(40);
  });

  it('uses the names the protocol gives its write-back fields', () => {
    const renamed = shippedProtocol((doc) => {
      doc.setIn(['writeBack', 'salesforce', 'stage'], 'Protocol_Stage__c');
      doc.setIn(['writeBack', 'hubspot', 'stage'], 'corvid_lead_stage');
      doc.setIn(['writeBack', 'campaign', 'mqls'], 'MQL_Count__c');
    });
    const fields = salesforceFieldSpecs(renamed).map((spec) => `${spec.object}.${spec.name}`);
    expect(fields).toEqual(expect.arrayContaining(['Lead.Protocol_Stage__c', 'Contact.Protocol_Stage__c', 'Campaign.MQL_Count__c']));
    expect(fields).not.toContain('Lead.Lead_Protocol_Stage__c');
    const properties = hubspotPropertySpec(renamed).properties.map((p) => p.name);
    expect(properties).toContain('corvid_lead_stage');
    expect(properties).not.toContain('leadpact_stage');
    expect(properties).toEqual(expect.arrayContaining(['leadpact_reengage_at', 'leadpact_amount']));
  });

  it('subscribes to contact events and to changes of every property the protocol reads', () => {
    const subscriptions = webhookSubscriptions(protocol);
    expect(subscriptions).toEqual(expect.arrayContaining([{ eventType: 'contact.creation' }, { eventType: 'contact.privacyDeletion' }, { eventType: 'contact.merge' }]));
    const watched = subscriptions.flatMap((s) => (s.propertyName === undefined ? [] : [s.propertyName]));
    expect(watched).toEqual(expect.arrayContaining(['demo_requested_date', 'industry', 'country', 'email', 'utm_campaign']));
  });

  it('says nothing changed only when nothing was created or updated', () => {
    const unchanged = { created: [], updated: [], unchanged: ['a'] };
    expect(changedNothing({ salesforce: unchanged, hubspot: unchanged })).toBe(true);
    expect(changedNothing({ salesforce: unchanged, hubspot: { ...unchanged, updated: ['property:leadpact_stage'] } })).toBe(false);
  });
});
