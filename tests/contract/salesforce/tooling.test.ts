import { grantFields, rejection, useFreshOrg } from './support';

describe('Salesforce simulator: Tooling API CustomField with jsforce', () => {
  const { conn, sim } = useFreshOrg();

  const score = {
    FullName: 'Lead.Fit_Score__c',
    Metadata: { label: 'Fit Score', type: 'Number', precision: 5, scale: 0 },
  };

  it('creates a field that then appears in describe, can be written, and can be queried', async () => {
    const created = await conn().tooling.sobject('CustomField').create(score);
    expect(created).toEqual({ id: expect.stringMatching(/^00N/), success: true, errors: [] });
    await grantFields(conn(), ['Lead.Fit_Score__c']);
    const describe = await conn().sobject('Lead').describe();
    expect(describe.fields.find((f) => f.name === 'Fit_Score__c')).toMatchObject({
      type: 'double',
      precision: 5,
      scale: 0,
      custom: true,
      label: 'Fit Score',
    });
    const { id } = await conn().sobject('Lead').create({ LastName: 'A', Company: 'B', Fit_Score__c: 42 });
    expect(
      (await conn().query(`SELECT Fit_Score__c FROM Lead WHERE Id = '${id ?? ''}' AND Fit_Score__c > 40`)).records,
    ).toEqual([expect.objectContaining({ Fit_Score__c: 42 })]);
  });

  it('lists custom fields through a Tooling query, and returns Metadata only for a single row', async () => {
    await conn().tooling.sobject('CustomField').create(score);
    await conn()
      .tooling.sobject('CustomField')
      .create({
        FullName: 'Lead.SLA_Status__c',
        Metadata: {
          label: 'SLA Status',
          type: 'Picklist',
          valueSet: {
            restricted: true,
            valueSetDefinition: { value: [{ fullName: 'On Track' }, { fullName: 'Breached' }] },
          },
        },
      });
    const listed = await conn().tooling.query(
      "SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Lead' ORDER BY DeveloperName",
    );
    expect(listed.records.map((r): unknown => r['DeveloperName'])).toEqual(['Fit_Score', 'SLA_Status']);
    const one = await conn().tooling.query(
      "SELECT Id, FullName, Metadata FROM CustomField WHERE DeveloperName = 'SLA_Status'",
    );
    expect(one.records[0]).toMatchObject({
      FullName: 'Lead.SLA_Status__c',
      Metadata: { type: 'Picklist', label: 'SLA Status' },
    });
    const tooMany = await rejection(
      conn().tooling.query("SELECT Id, Metadata FROM CustomField WHERE TableEnumOrId = 'Lead'"),
    );
    expect(tooMany.errorCode).toBe('MALFORMED_QUERY');
  });

  it('enforces a restricted custom picklist on write', async () => {
    await conn()
      .tooling.sobject('CustomField')
      .create({
        FullName: 'Lead.SLA_Status__c',
        Metadata: {
          label: 'SLA Status',
          type: 'Picklist',
          valueSet: { restricted: true, valueSetDefinition: { value: [{ fullName: 'On Track' }] } },
        },
      });
    await grantFields(conn(), ['Lead.SLA_Status__c']);
    expect(
      (await rejection(conn().sobject('Lead').create({ LastName: 'A', Company: 'B', SLA_Status__c: 'Whatever' })))
        .errorCode,
    ).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('refuses a field that exists and metadata the platform refuses', async () => {
    await conn().tooling.sobject('CustomField').create(score);
    const duplicate = await rejection(conn().tooling.sobject('CustomField').create(score));
    expect([duplicate.errorCode, duplicate.message]).toEqual([
      'DUPLICATE_DEVELOPER_NAME',
      'There is already a field named Fit_Score on Lead.',
    ]);
    const noLength = await rejection(
      conn()
        .tooling.sobject('CustomField')
        .create({ FullName: 'Lead.Note__c', Metadata: { label: 'Note', type: 'Text' } }),
    );
    expect(noLength.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const badName = await rejection(
      conn()
        .tooling.sobject('CustomField')
        .create({ FullName: 'Lead.No Spaces', Metadata: { label: 'x', type: 'Text', length: 5 } }),
    );
    expect(badName.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  it('updates a field label and picklist values, never its type', async () => {
    const { id } = await conn().tooling.sobject('CustomField').create(score);
    await grantFields(conn(), ['Lead.Fit_Score__c']);
    await conn()
      .tooling.sobject('CustomField')
      .update({ Id: id ?? '', Metadata: { ...score.Metadata, label: 'Fit' } });
    expect((await conn().sobject('Lead').describe()).fields.find((f) => f.name === 'Fit_Score__c')?.label).toBe('Fit');
    const retyped = await rejection(
      conn()
        .tooling.sobject('CustomField')
        .update({ Id: id ?? '', Metadata: { label: 'Fit', type: 'Text', length: 10 } }),
    );
    expect(retyped.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  it("lists the org's outbound messages, with the endpoint in Metadata one row at a time", async () => {
    sim().setOutbound({ url: 'https://leadpact.example.com/webhooks/salesforce', objects: ['Lead', 'Contact'] });
    const all = await conn().tooling.query<{ Id: string; Name: string; EntityDefinitionId: string }>(
      'SELECT Id, Name, EntityDefinitionId FROM WorkflowOutboundMessage',
    );
    expect(all.records.map((r) => [r.Name, r.EntityDefinitionId])).toEqual([
      ['leadpact_Lead', 'Lead'],
      ['leadpact_Contact', 'Contact'],
    ]);
    const one = await conn().tooling.query<{ Metadata: { endpointUrl: string; fields: string[] } }>(
      `SELECT Metadata FROM WorkflowOutboundMessage WHERE Id = '${all.records[0]?.Id ?? ''}'`,
    );
    expect(one.records[0]?.Metadata).toMatchObject({
      endpointUrl: 'https://leadpact.example.com/webhooks/salesforce',
      fields: ['Id'],
    });
    const failure = await rejection(conn().tooling.query('SELECT Metadata FROM WorkflowOutboundMessage'));
    expect(failure.errorCode).toBe('MALFORMED_QUERY');
    sim().setOutbound(null);
    expect((await conn().tooling.query('SELECT Id FROM WorkflowOutboundMessage')).totalSize).toBe(0);
  });
});
