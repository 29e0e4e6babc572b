import { parseDocument } from 'yaml';
import { repositories } from '../../../src/store';
import { handedOff } from '../../support/contacts';
import { EXAMPLE_PROTOCOL, startHarness, type Harness } from '../../support/pipeline-harness';

/**
 * The protocol chooses the record type of a new Lead per territory (salesforceOrg.recordTypes):
 * the org has Partner (its default), General and EMEA_Sales; the protocol gives EMEA leads
 * EMEA_Sales and every other territory General.
 */
describe('record types chosen by the protocol on hand-off', () => {
  let h: Harness;
  beforeAll(async () => {
    const doc = parseDocument(EXAMPLE_PROTOCOL);
    doc.setIn(['salesforceOrg'], {
      recordTypes: { lead: { default: 'General', byTerritory: { emea: 'EMEA_Sales' } } },
    });
    h = await startHarness({ protocolText: doc.toString() });
    h.sf.setOrgRules({
      recordTypes: [
        { object: 'Lead', developerName: 'Partner', name: 'Partner' },
        { object: 'Lead', developerName: 'General', name: 'General' },
        { object: 'Lead', developerName: 'EMEA_Sales', name: 'EMEA Sales' },
      ],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  function recordTypeId(developerName: string): unknown {
    return h.sf.records('RecordType').find((row) => row['DeveloperName'] === developerName)?.['Id'];
  }

  it("creates an EMEA lead with EMEA_Sales and another territory's with the protocol's default", async () => {
    const emea = await handedOff(h, 'rt-emea', { country: 'United Kingdom' });
    expect(emea.lead['RecordTypeId']).toBe(recordTypeId('EMEA_Sales'));
    const americas = await handedOff(h, 'rt-americas', { country: 'United States' });
    expect(americas.lead['RecordTypeId']).toBe(recordTypeId('General'));
    expect(americas.lead['RecordTypeId']).not.toBe(recordTypeId('Partner'));
    expect(await repositories(h.db).deadLetters.list({ all: true })).toEqual([]);
  });
});
