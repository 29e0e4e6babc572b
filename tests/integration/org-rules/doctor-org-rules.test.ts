import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { checkRecordTypes, checkValidationRules } from '../../../src/app/doctor/org-rule-checks';
import { salesforceOrgSchema } from '../../../src/protocol/schema/org-rules.schema';
import { connectorFor } from '../../contract/salesforce/support';
import { exampleProtocol } from '../../unit/protocol/fixtures';

/** doctor reads the org's validation rules (Tooling API) and record types as the simulated org holds them. */
describe("doctor and the org's validation rules and record types", () => {
  let sf: SalesforceSimulator;
  let salesforce: Awaited<ReturnType<typeof connectorFor>>;
  beforeAll(async () => {
    sf = await startSalesforceSimulator();
    salesforce = await connectorFor(sf);
  });
  afterAll(async () => {
    await sf.close();
  });

  it('names the active validation rule on Lead with its message, and leaves out inactive rules and other objects', async () => {
    sf.setOrgRules({
      validationRules: [
        {
          name: 'Lead_Needs_Phone',
          object: 'Lead',
          active: true,
          formula: 'ISBLANK(Phone)',
          message: 'Add a phone number: Sales calls every new lead within the hour.',
          field: 'Phone',
        },
        { name: 'Retired_Rule', object: 'Lead', active: false, formula: 'TRUE', message: 'Never shown.' },
        { name: 'Close_Date', object: 'Opportunity', active: true, formula: 'TRUE', message: 'Not leadpact’s.' },
      ],
    });
    const findings = await checkValidationRules(salesforce.inspection);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain(
      'Validation rule "Lead_Needs_Phone" on Lead is active: "Add a phone number: Sales calls every new lead within the hour." (at Phone)',
    );
    expect(findings[0]?.message).toContain('fix-data feedback');
  });

  it('finds the record type the protocol names, and warns of one the org lacks', async () => {
    sf.setOrgRules({ recordTypes: [{ object: 'Lead', developerName: 'EMEA_Sales', name: 'EMEA Sales' }] });
    const protocol = (recordTypes: unknown) => ({
      ...exampleProtocol(),
      salesforceOrg: salesforceOrgSchema.parse({ recordTypes }),
    });
    const [found] = await checkRecordTypes(protocol({ lead: { default: 'EMEA_Sales' } }), salesforce.inspection);
    expect(found?.severity).toBe('ok');
    const [missing] = await checkRecordTypes(protocol({ lead: { default: 'Partner' } }), salesforce.inspection);
    expect(missing).toMatchObject({ severity: 'warning', fix: expect.stringContaining('EMEA_Sales') });
  });
});
