import { campaignFieldSpecs } from '../../../src/metrics';
import { DEFAULT_WRITE_BACK } from '../../../src/protocol';
import {
  EXAMPLE_REJECTION,
  hubspotProvisionSpec,
  salesforceAccessNeeds,
  salesforceFieldSpecs,
} from '../../../src/app/provision-specs';
import { exampleProtocol, protocolWith } from './fixtures';

/** Every name the engine writes must be a field or property that provisioning creates, or the write is refused. */
describe('write-back names and the fields provisioned for them', () => {
  const protocol = exampleProtocol();

  it('provisions a Lead and a Contact field for every Salesforce write-back name (the sales response on Contact only)', () => {
    const names = salesforceFieldSpecs(protocol).map((spec) => `${spec.object}.${spec.name}`);
    const { salesResponse, ...both } = protocol.writeBack.salesforce;
    for (const name of Object.values(both)) {
      expect(names).toEqual(expect.arrayContaining([`Lead.${name}`, `Contact.${name}`]));
    }
    // A Lead answers through Status; only a Contact needs the sales-response picklist.
    expect(names).toContain(`Contact.${salesResponse}`);
    expect(names).not.toContain(`Lead.${salesResponse}`);
    expect(
      salesforceFieldSpecs(protocol).find(
        (spec) => spec.object === 'Contact' && spec.name === 'Time_To_First_Touch_Min__c',
      ),
    ).toMatchObject({ type: 'Number', scale: 0 });
  });

  it('provisions a HubSpot contact property for every HubSpot write-back name', () => {
    const properties = hubspotProvisionSpec(protocol).properties.map((property) => property.name);
    expect(properties.sort()).toEqual(Object.values(protocol.writeBack.hubspot).sort());
    expect(
      hubspotProvisionSpec(protocol).properties.find((p) => p.name === DEFAULT_WRITE_BACK.hubspot.timeToFirstTouchMin),
    ).toMatchObject({ type: 'number', fieldType: 'number' });
  });

  it('follows renamed write-back names, and provisions every Campaign metric under the configured four names', () => {
    const renamed = protocolWith((doc) => {
      doc.setIn(['writeBack', 'salesforce', 'timeToFirstTouchMin'], 'Minutes_To_First_Call__c');
      doc.setIn(['writeBack', 'hubspot', 'timeToFirstTouchMin'], 'corvid_minutes_to_first_call');
      doc.setIn(['writeBack', 'campaign', 'mqls'], 'MQL_Count__c');
    });
    const specs = salesforceFieldSpecs(renamed);
    const names = specs.map((spec) => `${spec.object}.${spec.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'Lead.Minutes_To_First_Call__c',
        'Contact.Minutes_To_First_Call__c',
        'Campaign.MQL_Count__c',
      ]),
    );
    expect(names).not.toContain('Lead.Time_To_First_Touch_Min__c');
    expect(specs.filter((spec) => spec.object === 'Campaign')).toEqual(campaignFieldSpecs(renamed.writeBack.campaign));
    expect(hubspotProvisionSpec(renamed).properties.map((p) => p.name)).toContain('corvid_minutes_to_first_call');
  });

  it('gives every field and property it creates a description, and every Salesforce field help text', () => {
    for (const spec of salesforceFieldSpecs(protocol)) {
      expect([spec.name, (spec.description ?? '').length > 20]).toEqual([spec.name, true]);
      expect([spec.name, (spec.helpText ?? '').length > 10, (spec.helpText ?? '').length <= 510]).toEqual([
        spec.name,
        true,
        true,
      ]);
      expect((spec.description ?? '').length).toBeLessThanOrEqual(1000);
    }
    for (const property of hubspotProvisionSpec(protocol).properties)
      expect([property.name, (property.description ?? '').length > 10]).toEqual([property.name, true]);
  });

  it("offers the protocol's rejection codes as the picklist, labelled as the protocol labels them", () => {
    const codes = salesforceFieldSpecs(protocol).find(
      (spec) => spec.object === 'Contact' && spec.name === protocol.writeBack.salesforce.rejectionCode,
    );
    expect(codes?.type).toBe('Picklist');
    expect(codes?.picklistValues).toEqual(protocol.rejection.codes.map((c) => ({ value: c.code, label: c.label })));
    expect(EXAMPLE_REJECTION).toEqual(protocol.rejection);
  });

  it('shows stages as words: label "Handed off", value handed_off', () => {
    const stage = salesforceFieldSpecs(protocol).find((spec) => spec.name === protocol.writeBack.salesforce.stage);
    expect(stage?.picklistValues).toContainEqual({ value: 'handed_off', label: 'Handed off' });
    const property = hubspotProvisionSpec(protocol).properties.find((p) => p.name === protocol.writeBack.hubspot.stage);
    expect(property?.options).toContainEqual({ value: 'handed_off', label: 'Handed off' });
  });

  it('lets reps edit the answer fields on Contact as on Lead (the "leadpact Sales" permission set)', () => {
    const answers = (salesforceAccessNeeds(protocol).salesAnswers ?? []).map((ref) => `${ref.object}.${ref.field}`);
    const { rejectionCode, rejectionNote, salesResponse } = protocol.writeBack.salesforce;
    expect(answers).toEqual(
      expect.arrayContaining([
        `Lead.${rejectionCode}`,
        `Lead.${rejectionNote}`,
        `Contact.${rejectionCode}`,
        `Contact.${rejectionNote}`,
        `Contact.${salesResponse}`,
      ]),
    );
  });
});
