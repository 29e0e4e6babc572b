import type { Connection } from 'jsforce';
import { z } from 'zod';
import { normalizeId } from '../../../connectors/salesforce/simulator';
import { rejection, useFreshOrg, grantFields } from './support';

const saveResult = z.object({ id: z.string(), success: z.literal(true), errors: z.array(z.unknown()).length(0) });

async function provisionExternalId(conn: () => Connection, object = 'Lead', name = 'Ext_Id__c'): Promise<void> {
  await conn()
    .tooling.sobject('CustomField')
    .create({
      FullName: `${object}.${name}`,
      Metadata: { label: 'External Id', type: 'Text', length: 64, externalId: true, unique: false },
    });
  await grantFields(conn(), [`${object}.${name}`]);
}

describe('Salesforce simulator: single-record REST resources with jsforce', () => {
  const { sim, conn } = useFreshOrg();

  it('creates a lead, answering 201 with an 18-character id of the Lead key prefix', async () => {
    const result = saveResult.parse(
      await conn().sobject('Lead').create({ FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical Engines' }),
    );
    expect(result.id).toMatch(/^00Q[A-Za-z0-9]{15}$/);
    expect(normalizeId(result.id)).toBe(result.id);
  });

  it('retrieves all fields, or only those asked for', async () => {
    const { id } = saveResult.parse(
      await conn().sobject('Lead').create({ FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical Engines' }),
    );
    const full = await conn().sobject('Lead').retrieve(id);
    expect(full).toMatchObject({
      attributes: { type: 'Lead', url: `/services/data/v62.0/sobjects/Lead/${id}` },
      Id: id,
      Name: 'Ada Lovelace',
      Status: 'Open - Not Contacted',
      IsConverted: false,
    });
    const some = await conn().request(`/sobjects/Lead/${id}?fields=LastName,Company`);
    expect(some).toEqual({ attributes: expect.any(Object), LastName: 'Lovelace', Company: 'Analytical Engines' });
  });

  it('updates with PATCH (204) and deletes with DELETE (204); a deleted record answers 404 ENTITY_IS_DELETED', async () => {
    const { id } = saveResult.parse(
      await conn().sobject('Lead').create({ LastName: 'Lovelace', Company: 'Analytical Engines' }),
    );
    expect(await conn().sobject('Lead').update({ Id: id, Title: 'Countess' })).toEqual({
      id,
      success: true,
      errors: [],
    });
    expect((await conn().sobject('Lead').retrieve(id))['Title']).toBe('Countess');
    expect(await conn().sobject('Lead').destroy(id)).toEqual({ id, success: true, errors: [] });
    const failure = await rejection(conn().sobject('Lead').retrieve(id));
    expect([failure.errorCode, failure.message]).toEqual(['ENTITY_IS_DELETED', 'entity is deleted']);
  });

  it('answers 404 NOT_FOUND for an unknown record or object', async () => {
    expect((await rejection(conn().sobject('Lead').retrieve('00Q5g00000ZZZZZ'))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(conn().request('/sobjects/Nope__c/describe'))).errorCode).toBe('NOT_FOUND');
  });

  it('upserts by an external id: 201 created, 200 updated, 300 several matches, 404 for a field that is not an external id', async () => {
    await provisionExternalId(conn);
    const created = await conn()
      .sobject('Lead')
      .upsert({ Ext_Id__c: 'hs-1', LastName: 'Hopper', Company: 'Navy' }, 'Ext_Id__c');
    expect(created).toMatchObject({ success: true, created: true });
    const updated = await conn().sobject('Lead').upsert({ Ext_Id__c: 'HS-1', Title: 'Rear Admiral' }, 'Ext_Id__c');
    expect(updated).toMatchObject({ id: created.id, success: true, created: false });
    expect(
      sim()
        .records('Lead')
        .filter((r) => r['IsDeleted'] === false),
    ).toHaveLength(1);

    // The field is external but not unique, so two records may share a value.
    sim().seed('Lead', [
      { Ext_Id__c: 'dup', LastName: 'A', Company: 'A' },
      { Ext_Id__c: 'dup', LastName: 'B', Company: 'B' },
    ]);
    const several = await rejection(conn().sobject('Lead').upsert({ Ext_Id__c: 'dup', Title: 'x' }, 'Ext_Id__c'));
    expect(several.errorCode).toBe('MULTIPLE_CHOICES');
    expect(several.data).toEqual([
      expect.stringMatching(/^\/services\/data\/v62.0\/sobjects\/Lead\/00Q/),
      expect.stringMatching(/^\/services\/data\/v62.0\/sobjects\/Lead\/00Q/),
    ]);

    const unknown = await rejection(
      conn().sobject('Lead').upsert({ Nope__c: 'x', LastName: 'A', Company: 'A' }, 'Nope__c'),
    );
    expect([unknown.errorCode, unknown.message]).toEqual([
      'NOT_FOUND',
      'Provided external ID field does not exist or is not accessible: Nope__c',
    ]);
  });

  it('reads, updates only, and deletes by external id', async () => {
    await provisionExternalId(conn);
    const { id } = await conn()
      .sobject('Lead')
      .upsert({ Ext_Id__c: 'hs-9', LastName: 'Hamilton', Company: 'MIT' }, 'Ext_Id__c');
    expect(await conn().request('/sobjects/Lead/Ext_Id__c/hs-9?fields=LastName')).toMatchObject({
      LastName: 'Hamilton',
    });
    const updateOnly = await rejection(
      conn().requestPatch('/sobjects/Lead/Ext_Id__c/hs-404?updateOnly=true', { LastName: 'X', Company: 'Y' }),
    );
    expect(updateOnly.errorCode).toBe('NOT_FOUND');
    await conn().requestDelete('/sobjects/Lead/Ext_Id__c/hs-9');
    expect(
      sim()
        .records('Lead')
        .find((r) => r['Id'] === id)?.['IsDeleted'],
    ).toBe(true);
  });

  it('describes standard and custom fields', async () => {
    await provisionExternalId(conn);
    const describe = await conn().sobject('Lead').describe();
    expect(describe).toMatchObject({ name: 'Lead', keyPrefix: '00Q', createable: true });
    const field = (name: string) => describe.fields.find((f) => f.name === name);
    expect(field('LastName')).toMatchObject({
      type: 'string',
      length: 80,
      nillable: false,
      createable: true,
      custom: false,
    });
    expect(field('Status')).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultedOnCreate: true });
    expect(field('Status')?.picklistValues?.map((v: { value: string }) => v.value)).toEqual([
      'Open - Not Contacted',
      'Working - Contacted',
      'Closed - Converted',
      'Closed - Not Converted',
    ]);
    expect(field('OwnerId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Group', 'User'],
      relationshipName: 'Owner',
    });
    expect(field('Ext_Id__c')).toMatchObject({
      type: 'string',
      length: 64,
      custom: true,
      externalId: true,
      idLookup: true,
    });
    const global = await conn().describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Lead',
        'Contact',
        'Account',
        'Opportunity',
        'Campaign',
        'CampaignMember',
        'Task',
        'User',
      ]),
    );
  });

  it('creates users with their required fields, and never deletes one', async () => {
    const missing = await rejection(conn().sobject('User').create({ LastName: 'New' }));
    expect([missing.errorCode, missing.message]).toEqual([
      'REQUIRED_FIELD_MISSING',
      'Required fields are missing: [Username, Email, Alias]',
    ]);
    const created = await conn()
      .sobject('User')
      .create({ LastName: 'New', Username: 'new.rep@leadpact.sim', Email: 'new.rep@example.com', Alias: 'nrep' });
    expect(
      await conn()
        .sobject('User')
        .retrieve(created.id ?? ''),
    ).toMatchObject({ Name: 'New', IsActive: true });
    expect(
      (
        await rejection(
          conn()
            .sobject('User')
            .destroy(created.id ?? ''),
        )
      ).errorCode,
    ).toBe('INVALID_TYPE_FOR_OPERATION');
  });

  it('sends JSON with the Content-Type jsforce needs to parse error bodies', async () => {
    const response = await fetch(`${sim().url}/services/data/v62.0/sobjects/Lead/describe`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });
});
