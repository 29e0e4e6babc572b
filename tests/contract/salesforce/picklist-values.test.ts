import { grantFields, rejection, useFreshOrg } from './support';

/**
 * Restricted picklists as Salesforce keeps them: a value is refused unless it is an active value of
 * the field; deactivating a value (CustomValue isActive: false) keeps it on the records that hold it.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customvalue.htm
 */
describe('Salesforce simulator: restricted picklists, their labels and help texts, with jsforce', () => {
  const { conn } = useFreshOrg();

  const value = (fullName: string, label: string, isActive = true) => ({ fullName, label, default: false, isActive });
  const stageMetadata = (values: ReturnType<typeof value>[]) => ({
    label: 'Lead Protocol Stage',
    type: 'Picklist',
    description: 'Where the lead stands in the agreed lead protocol. Written by leadpact.',
    inlineHelpText: 'Where this lead stands in the agreed lead protocol.',
    valueSet: { restricted: true, valueSetDefinition: { sorted: false, value: values } },
  });

  async function createStage(): Promise<string> {
    const created = await conn()
      .tooling.sobject('CustomField')
      .create({
        FullName: 'Lead.Lead_Protocol_Stage__c',
        Metadata: stageMetadata([value('mql', 'Marketing-qualified (MQL)'), value('handed_off', 'Handed off')]),
      });
    await grantFields(conn(), ['Lead.Lead_Protocol_Stage__c']);
    if (!created.success) throw new Error('the field was not created');
    return created.id;
  }

  it('describes the values with their words and the field with its help text', async () => {
    await createStage();
    const describe = await conn().sobject('Lead').describe();
    const field = describe.fields.find((f) => f.name === 'Lead_Protocol_Stage__c');
    expect(field).toMatchObject({
      type: 'picklist',
      restrictedPicklist: true,
      inlineHelpText: 'Where this lead stands in the agreed lead protocol.',
    });
    expect(field?.picklistValues).toEqual([
      expect.objectContaining({ active: true, label: 'Marketing-qualified (MQL)', value: 'mql' }),
      expect.objectContaining({ active: true, label: 'Handed off', value: 'handed_off' }),
    ]);
    const listed = await conn().tooling.query(
      "SELECT Description, InlineHelpText FROM CustomField WHERE DeveloperName = 'Lead_Protocol_Stage'",
    );
    expect(listed.records[0]).toMatchObject({
      Description: 'Where the lead stands in the agreed lead protocol. Written by leadpact.',
      InlineHelpText: 'Where this lead stands in the agreed lead protocol.',
    });
  });

  it('refuses a value the picklist does not list, and a label in place of its value', async () => {
    await createStage();
    for (const bad of ['closed', 'Handed off']) {
      const refused = await rejection(
        conn().sobject('Lead').create({ LastName: 'A', Company: 'B', Lead_Protocol_Stage__c: bad }),
      );
      expect(refused).toMatchObject({
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `Lead Protocol Stage: bad value for restricted picklist field: ${bad}`,
      });
    }
    const made = await conn().sobject('Lead').create({ LastName: 'A', Company: 'B', Lead_Protocol_Stage__c: 'mql' });
    expect(made.success).toBe(true);
  });

  it('keeps a deactivated value on the records that hold it, refuses it on a new save, and describes it no more', async () => {
    const id = await createStage();
    const held = await conn()
      .sobject('Lead')
      .create({ LastName: 'A', Company: 'B', Lead_Protocol_Stage__c: 'handed_off' });
    await conn()
      .tooling.sobject('CustomField')
      .update({
        Id: id,
        Metadata: stageMetadata([value('mql', 'Marketing-qualified (MQL)'), value('handed_off', 'Handed off', false)]),
      });
    const record = await conn()
      .sobject('Lead')
      .retrieve(held.id ?? '');
    expect(record['Lead_Protocol_Stage__c']).toBe('handed_off');
    // The record can still be saved with other changes while it holds the inactive value.
    await conn()
      .sobject('Lead')
      .update({ Id: held.id ?? '', Company: 'C' });
    const refused = await rejection(
      conn().sobject('Lead').create({ LastName: 'A', Company: 'B', Lead_Protocol_Stage__c: 'handed_off' }),
    );
    expect(refused.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const field = (await conn().sobject('Lead').describe()).fields.find((f) => f.name === 'Lead_Protocol_Stage__c');
    expect(field?.picklistValues?.map((v: { value: string }) => v.value)).toEqual(['mql']);
    const metadata = await conn().tooling.sobject('CustomField').retrieve(id);
    expect(metadata['Metadata']).toMatchObject({
      valueSet: { valueSetDefinition: { value: [{ fullName: 'mql' }, { fullName: 'handed_off', isActive: false }] } },
    });
  });
});
