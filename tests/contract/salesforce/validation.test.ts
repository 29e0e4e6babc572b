import { rejection, useFreshOrg, grantFields } from './support';

describe('Salesforce simulator: validation as the platform does it', () => {
  const { sim, conn } = useFreshOrg();

  beforeEach(async () => {
    await conn()
      .tooling.sobject('CustomField')
      .create({
        FullName: 'Lead.HubSpot_Contact_Id__c',
        Metadata: { label: 'HubSpot Contact Id', type: 'Text', length: 40, externalId: true, unique: true },
      });
    await grantFields(conn(), ['Lead.HubSpot_Contact_Id__c']);
  });

  async function createError(
    record: Record<string, unknown>,
  ): Promise<{ errorCode?: string; message: string; data?: unknown }> {
    return rejection(conn().sobject('Lead').create(record));
  }

  it('refuses an unknown field with INVALID_FIELD, for the whole request', async () => {
    const failure = await createError({ LastName: 'A', Company: 'B', Nope__c: 1 });
    expect([failure.errorCode, failure.message]).toEqual([
      'INVALID_FIELD',
      "No such column 'Nope__c' on sobject of type Lead",
    ]);
    const collection = await rejection(
      conn()
        .sobject('Lead')
        .create([
          { LastName: 'A', Company: 'B' },
          { LastName: 'A', Company: 'B', Nope__c: 1 },
        ]),
    );
    expect(collection.errorCode).toBe('INVALID_FIELD');
    expect(sim().records('Lead')).toHaveLength(0);
  });

  it('refuses a value of the wrong JSON type with JSON_PARSER_ERROR', async () => {
    expect((await createError({ LastName: 'A', Company: 'B', NumberOfEmployees: 'many' })).errorCode).toBe(
      'JSON_PARSER_ERROR',
    );
    expect((await createError({ LastName: 'A', Company: 'B', IsUnreadByOwner: 'perhaps' })).errorCode).toBe(
      'JSON_PARSER_ERROR',
    );
    expect((await createError({ LastName: { first: 'A' }, Company: 'B' })).errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('requires Lead LastName and Company', async () => {
    const failure = await createError({ FirstName: 'A' });
    expect(failure).toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName, Company]',
      data: { fields: ['LastName', 'Company'] },
    });
  });

  it('refuses a value outside a restricted picklist', async () => {
    const failure = await createError({ LastName: 'A', Company: 'B', Status: 'Hot Potato' });
    expect([failure.errorCode, failure.message]).toEqual([
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'Status: bad value for restricted picklist field: Hot Potato',
    ]);
  });

  it('refuses text longer than the field', async () => {
    const failure = await createError({ LastName: 'x'.repeat(81), Company: 'B' });
    expect(failure.errorCode).toBe('STRING_TOO_LONG');
    expect(failure.message).toMatch(/^Last Name: data value too large: x+ \(max length=80\)$/);
  });

  it('refuses a malformed email address', async () => {
    expect((await createError({ LastName: 'A', Company: 'B', Email: 'not-an-email' })).errorCode).toBe(
      'INVALID_EMAIL_ADDRESS',
    );
  });

  it('refuses a second record with the same unique external id, case-insensitively', async () => {
    const first = await conn().sobject('Lead').create({ LastName: 'A', Company: 'B', HubSpot_Contact_Id__c: 'abc' });
    const failure = await createError({ LastName: 'C', Company: 'D', HubSpot_Contact_Id__c: 'ABC' });
    expect([failure.errorCode, failure.message]).toEqual([
      'DUPLICATE_VALUE',
      `duplicate value found: HubSpot_Contact_Id__c duplicates value on record with id: ${first.id ?? ''}`,
    ]);
  });

  it('refuses writes to system fields and owners that are not active users or queues', async () => {
    expect((await createError({ LastName: 'A', Company: 'B', IsConverted: true })).errorCode).toBe(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    const [inactive] = sim()
      .records('User')
      .filter((u) => u['IsActive'] === false);
    expect((await createError({ LastName: 'A', Company: 'B', OwnerId: String(inactive?.['Id']) })).errorCode).toBe(
      'INACTIVE_OWNER_OR_USER',
    );
    expect((await createError({ LastName: 'A', Company: 'B', OwnerId: 'garbage' })).errorCode).toBe('MALFORMED_ID');
    const queue = await conn()
      .sobject('Lead')
      .create({ LastName: 'A', Company: 'B', OwnerId: sim().defaults().leadQueueId });
    expect(queue.success).toBe(true);
  });

  it('refuses to update a converted lead', async () => {
    const { id } = await conn().sobject('Lead').create({ LastName: 'A', Company: 'B' });
    sim().convertLead(id ?? '');
    const failure = await rejection(
      conn()
        .sobject('Lead')
        .update({ Id: id ?? '', Title: 'x' }),
    );
    expect([failure.errorCode, failure.message]).toEqual([
      'CANNOT_UPDATE_CONVERTED_LEAD',
      'cannot reference converted lead',
    ]);
  });

  it('answers a body that is not JSON with JSON_PARSER_ERROR', async () => {
    const failure = await rejection(
      conn().request({
        method: 'POST',
        url: '/sobjects/Lead',
        body: '{"LastName":',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(failure.errorCode).toBe('JSON_PARSER_ERROR');
  });
});
