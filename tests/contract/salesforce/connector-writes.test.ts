import { DEFAULT_SALESFORCE_FIELDS } from '../../../src/app/provision-specs';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { WriteOutcome } from '../../../src/shared/crm-port';
import { salesforceId } from '../../../src/shared/ids';
import { connectorFor, tokenConnection, useSimulator } from './support';

const EXT = 'HubSpot_Contact_Id__c';

function idsOf(outcomes: readonly WriteOutcome<string>[]): string[] {
  return outcomes.map((o) => (o.ok ? o.id : `failed:${o.code}`));
}

describe('Salesforce connector: provisioning and writes', () => {
  const sim = useSimulator();
  let connector: SalesforcePort;

  beforeAll(async () => {
    connector = await connectorFor(sim());
  });

  beforeEach(() => sim().reset());

  it('provisions the default custom fields once; a second run changes nothing and says so', async () => {
    const first = await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    expect(first.created).toHaveLength(DEFAULT_SALESFORCE_FIELDS.length);
    expect(first.created).toContain('Lead.HubSpot_Contact_Id__c');
    const second = await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    expect(second).toMatchObject({ created: [], updated: [], unchanged: first.created });
    // The access step grants what it created, and finds it all in place the second time.
    expect(first.access.created).toContain('"leadpact Integration": Read and Edit on Lead.HubSpot_Contact_Id__c');
    expect(second.access).toMatchObject({ created: [], updated: [] });
    const describe = await tokenConnection(sim(), sim().defaults().integrationUserId).sobject('Lead').describe();
    expect(describe.fields.find((f) => f.name === EXT)).toMatchObject({
      externalId: true,
      unique: true,
      type: 'string',
    });
  });

  it('updates a field whose label or picklist values changed; a value no longer listed stays on records, inactive', async () => {
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    const [held] = await connector.create('Lead', [
      { fields: { LastName: 'A', Company: 'B', SLA_Status__c: 'Breached' } },
    ]);
    const sla = DEFAULT_SALESFORCE_FIELDS.find((f) => f.object === 'Lead' && f.name === 'SLA_Status__c');
    const values = [
      { value: 'On Track', label: 'On Track' },
      { value: 'Paused', label: 'Paused' },
    ];
    const report = await connector.provisionFields([{ ...sla!, label: 'SLA', picklistValues: values }]);
    expect(report).toMatchObject({ created: [], updated: ['Lead.SLA_Status__c'], unchanged: [] });
    const [paused] = await connector.create('Lead', [
      { fields: { LastName: 'A', Company: 'B', SLA_Status__c: 'Paused' } },
    ]);
    expect(paused).toMatchObject({ ok: true, id: expect.stringMatching(/^00Q/) });
    expect(
      (await connector.create('Lead', [{ fields: { LastName: 'A', Company: 'B', SLA_Status__c: 'Breached' } }]))[0],
    ).toMatchObject({ ok: false, code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    expect(
      sim()
        .records('Lead')
        .find((l) => held?.ok === true && l.Id === held.id)?.SLA_Status__c,
    ).toBe('Breached');
  });

  it('refuses to retype an existing field', async () => {
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    await expect(
      connector.provisionFields([
        { object: 'Lead', name: 'Fit_Score__c', label: 'Fit Score', type: 'Text', length: 10 },
      ]),
    ).rejects.toMatchObject({ code: 'CRM_CONFLICT' });
  });

  it('upserts leads by HubSpot_Contact_Id__c: created, then updated, in input order', async () => {
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    const records = ['101', '102', '103'].map((hs) => ({
      fields: { [EXT]: hs, LastName: `Lead ${hs}`, Company: 'Acme', Fit_Score__c: 40 },
    }));
    const created = await connector.upsert('Lead', EXT, records);
    expect(created.every((o) => o.ok && o.created)).toBe(true);
    const again = await connector.upsert(
      'Lead',
      EXT,
      records.map((r) => ({ fields: { ...r.fields, Fit_Score__c: 80, SLA_Status__c: 'At Risk' } })).reverse(),
    );
    expect(idsOf(again)).toEqual(idsOf(created).reverse());
    expect(again.every((o) => o.ok && !o.created)).toBe(true);
    expect(
      sim()
        .records('Lead')
        .map((r) => [r['HubSpot_Contact_Id__c'], r['Fit_Score__c'], r['SLA_Status__c']]),
    ).toEqual([
      ['101', 80, 'At Risk'],
      ['102', 80, 'At Risk'],
      ['103', 80, 'At Risk'],
    ]);
  });

  it('reports each failed record with the vendor code, without failing the others', async () => {
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    const outcomes = await connector.upsert('Lead', EXT, [
      { fields: { [EXT]: '201', LastName: 'Fine', Company: 'Acme' } },
      { fields: { [EXT]: '202', Company: 'No name' } },
      { fields: { LastName: 'No external id', Company: 'Acme' } },
      { fields: { [EXT]: '204', LastName: 'Bad status', Company: 'Acme', SLA_Status__c: 'Sideways' } },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: true, created: true });
    expect(outcomes[1]).toEqual({
      ok: false,
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
      retryable: false,
    });
    expect(outcomes[2]).toMatchObject({ ok: false, code: 'MISSING_EXTERNAL_ID', retryable: false });
    expect(outcomes[3]).toMatchObject({
      ok: false,
      code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['SLA_Status__c'],
    });
    expect(sim().calls().byRoute['PATCH /composite/sobjects/:type/:field']).toBe(1);
  });

  it('writes metric fields on campaigns and leads by id, and reports a converted lead as not updatable', async () => {
    await connector.provisionFields(DEFAULT_SALESFORCE_FIELDS);
    // Marketing creates Campaigns; leadpact only writes its metrics on them.
    const [campaignId = ''] = sim().seed('Campaign', [{ Name: 'Spring webinar' }]);
    const campaign = { id: salesforceId(campaignId) };
    const [lead] = await connector.create('Lead', [{ fields: { LastName: 'A', Company: 'B' } }]);
    if (!lead?.ok) throw new Error('setup failed');
    sim().convertLead(lead.id);
    const outcomes = await connector.update('Campaign', [
      {
        id: campaign.id,
        fields: { Leadpact_MQLs__c: 12, Leadpact_Acceptance_Rate__c: 66.67, Leadpact_Wastage_Rate__c: 33.33 },
      },
    ]);
    expect(outcomes).toEqual([{ ok: true, id: campaign.id, created: false }]);
    expect(sim().records('Campaign')[0]).toMatchObject({ Leadpact_MQLs__c: 12, Leadpact_Acceptance_Rate__c: 66.67 });
    const [converted] = await connector.update('Lead', [{ id: lead.id, fields: { Fit_Score__c: 1 } }]);
    expect(converted).toMatchObject({ ok: false, code: 'CANNOT_UPDATE_CONVERTED_LEAD', retryable: false });
  });

  it('takes at most 200 records a call and asks nothing of Salesforce for none', async () => {
    const many = Array.from({ length: 201 }, () => ({ fields: { LastName: 'A', Company: 'B' } }));
    await expect(connector.create('Lead', many)).rejects.toThrow(RangeError);
    expect(await connector.create('Lead', [])).toEqual([]);
    expect(sim().calls().total).toBe(0);
  });
});
