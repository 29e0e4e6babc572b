import { campaignFieldSpecs } from '../../../src/metrics';
import { DEFAULT_WRITE_BACK } from '../../../src/protocol';
import { hubspotProvisionSpec, salesforceFieldSpecs } from '../../../src/app/provision-specs';
import { exampleProtocol, protocolWith } from './fixtures';

/** Every name the engine writes must be a field or property that provisioning creates, or the write is refused. */
describe('write-back names and the fields provisioned for them', () => {
  const protocol = exampleProtocol();

  it('provisions a Lead and a Contact field for every Salesforce write-back name, time to first touch included', () => {
    const names = salesforceFieldSpecs(protocol).map((spec) => `${spec.object}.${spec.name}`);
    for (const name of Object.values(protocol.writeBack.salesforce)) {
      expect(names).toEqual(expect.arrayContaining([`Lead.${name}`, `Contact.${name}`]));
    }
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
});
