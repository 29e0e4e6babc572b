import { loadProtocol } from '../../../src/config/load-protocol';
import { chosenRecordType } from '../../../src/app/relay/record-types';
import { exampleVariant, protocolWith } from './fixtures';

/** The protocol's record type per territory (salesforceOrg.recordTypes), as `leadpact check` reads it. */
describe('salesforceOrg.recordTypes', () => {
  const recordTypes = {
    lead: { default: 'Inbound', byTerritory: { emea: 'EMEA_Sales' } },
    contact: { byTerritory: { 'americas-enterprise': 'Enterprise' } },
  };

  it("chooses the territory's record type, else the default, else the org's own", () => {
    const { salesforceOrg } = protocolWith((doc) => doc.setIn(['salesforceOrg'], { recordTypes }));
    expect(chosenRecordType(salesforceOrg.recordTypes, 'Lead', 'emea')).toBe('EMEA_Sales');
    expect(chosenRecordType(salesforceOrg.recordTypes, 'Lead', 'apac')).toBe('Inbound');
    expect(chosenRecordType(salesforceOrg.recordTypes, 'Contact', 'americas-enterprise')).toBe('Enterprise');
    expect(chosenRecordType(salesforceOrg.recordTypes, 'Contact', 'emea')).toBeNull();
  });

  it('refuses a territory the routing lacks and a name that is no DeveloperName, each at its path', () => {
    const text = exampleVariant((doc) =>
      doc.setIn(['salesforceOrg'], {
        recordTypes: { lead: { default: 'EMEA Sales', byTerritory: { emae: 'EMEA_Sales' } } },
      }),
    );
    const loaded = loadProtocol(text, 'variant.yaml');
    if (loaded.ok) throw new Error('expected the protocol to be refused');
    const said = loaded.error.message;
    expect(said).toContain('salesforceOrg.recordTypes.lead.default');
    expect(said).toContain('a record type DeveloperName');
    expect(said).toContain('salesforceOrg.recordTypes.lead.byTerritory.emae');
    expect(said).toContain('no territory "emae" under routing');
  });
});
