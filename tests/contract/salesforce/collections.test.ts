import { rejection, useFreshOrg, grantFields } from './support';

function leads(count: number, start = 0): { LastName: string; Company: string; Ext_Id__c: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    LastName: `Lead ${start + i}`,
    Company: 'Acme',
    Ext_Id__c: `hs-${start + i}`,
  }));
}

describe('Salesforce simulator: sObject Collections with jsforce', () => {
  const { sim, conn } = useFreshOrg();

  beforeEach(async () => {
    await conn()
      .tooling.sobject('CustomField')
      .create({
        FullName: 'Lead.Ext_Id__c',
        Metadata: { label: 'Ext', type: 'Text', length: 40, externalId: true, unique: true },
      });
    await grantFields(conn(), ['Lead.Ext_Id__c']);
  });

  it('creates, updates, retrieves and deletes up to 200 records in one API call each, results in input order', async () => {
    const before = sim().calls().total;
    const created = await conn().sobject('Lead').create(leads(200));
    expect(created).toHaveLength(200);
    expect(created.every((r) => r.success)).toBe(true);
    const ids = created.map((r) => (r.success ? r.id : ''));
    const updated = await conn()
      .sobject('Lead')
      .update(ids.map((Id) => ({ Id, Title: 'VP' })));
    expect(updated.map((r) => r.id)).toEqual(ids);
    const fetched = await conn()
      .sobject('Lead')
      .retrieve(ids.slice(0, 3), { fields: ['Title', 'LastName'] });
    expect(fetched.map((r): unknown => r['LastName'])).toEqual(['Lead 0', 'Lead 1', 'Lead 2']);
    const deleted = await conn().sobject('Lead').destroy(ids);
    expect(deleted.every((r) => r.success)).toBe(true);
    expect(sim().calls().total - before).toBe(4);
    expect(sim().calls().byRoute).toMatchObject({
      'POST /composite/sobjects': 1,
      'PATCH /composite/sobjects': 1,
      'POST /composite/sobjects/:type': 1,
      'DELETE /composite/sobjects': 1,
    });
  });

  it('retrieves null for a missing or deleted id, and asks describe first when no fields are named', async () => {
    const [first] = await conn().sobject('Lead').create(leads(1));
    const id = first?.success === true ? first.id : '';
    await conn().sobject('Lead').destroy(id);
    expect(await conn().sobject('Lead').retrieve([id, '00Q5g00000ZZZZZ'])).toEqual([null, null]);
    expect(sim().calls().byRoute['GET /sobjects/:type/describe']).toBe(1);
  });

  it('upserts by external id, reporting created or updated per record', async () => {
    await conn().sobject('Lead').upsert(leads(2), 'Ext_Id__c');
    const results = await conn()
      .sobject('Lead')
      .upsert([...leads(2), ...leads(1, 2)], 'Ext_Id__c');
    expect(results.map((r) => (r.success ? r.created : 'failed'))).toEqual([false, false, true]);
  });

  it('says created on failed upserts too: true where no record had the external id, false where one did', async () => {
    await conn().sobject('Lead').upsert(leads(1), 'Ext_Id__c');
    const [existing, fresh] = leads(2);
    const results = await conn()
      .sobject('Lead')
      .upsert([{ ...existing }, { ...fresh, OwnerId: 'not-an-id' }], 'Ext_Id__c', { allOrNone: true });
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [false, false],
      [false, true],
    ]);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const failure = await rejection(conn().sobject('Lead').create(leads(201)));
    expect(failure.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(failure.message).toBe('record limit reached. cannot submit more than 200 records into this call');
  });

  it('reports per-record errors with statusCode and saves the valid records when allOrNone is false', async () => {
    const results = await conn()
      .sobject('Lead')
      .create([{ LastName: 'Ok', Company: 'Acme' }, { Company: 'No name' }, { LastName: 'Ok too', Company: 'Acme' }]);
    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [LastName]',
          fields: ['LastName'],
        },
      ],
    });
    expect(results.filter((r) => r.success)).toHaveLength(2);
    expect(sim().records('Lead')).toHaveLength(2);
  });

  it('rolls every record back when allOrNone is true and one fails', async () => {
    const results = await conn()
      .sobject('Lead')
      .create([{ LastName: 'Ok', Company: 'Acme' }, { Company: 'No name' }], { allOrNone: true });
    expect(results[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    });
    expect(results[1]?.success).toBe(false);
    expect(sim().records('Lead')).toHaveLength(0);
    expect(sim().calls().byRoute['POST /composite/sobjects']).toBe(1);
  });

  it('fails both records that carry the same external id in one upsert', async () => {
    const results = await conn()
      .sobject('Lead')
      .upsert([...leads(1), ...leads(1)], 'Ext_Id__c');
    expect(results.map((r) => (r.success ? 'ok' : r.errors[0]))).toEqual([
      { statusCode: 'DUPLICATE_EXTERNAL_ID', message: 'Duplicate external id specified: hs-0', fields: ['Ext_Id__c'] },
      { statusCode: 'DUPLICATE_EXTERNAL_ID', message: 'Duplicate external id specified: hs-0', fields: ['Ext_Id__c'] },
    ]);
  });

  it('updates a deleted record as ENTITY_IS_DELETED and a missing id field as MISSING_ARGUMENT', async () => {
    const [first] = await conn().sobject('Lead').create(leads(1));
    const id = first?.success === true ? first.id : '';
    await conn().sobject('Lead').destroy(id);
    const results = await conn().requestPatch('/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Lead' }, id, Title: 'x' },
        { attributes: { type: 'Lead' }, Title: 'x' },
      ],
    });
    expect(results).toEqual([
      { id, success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
      {
        success: false,
        errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }],
      },
    ]);
  });
});
