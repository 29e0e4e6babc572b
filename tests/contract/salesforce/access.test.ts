import type { Connection } from 'jsforce';
import { grantFields, rejection, startSalesforceSimulatorFor, tokenConnection, useSimulator } from './support';

const SCORE = {
  FullName: 'Lead.Fit_Score__c',
  Metadata: { label: 'Fit Score', type: 'Number', precision: 5, scale: 0 },
};
const NO_SUCH_COLUMN =
  "No such column 'Fit_Score__c' on entity 'Lead'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const NOT_WRITABLE =
  'Unable to create/update fields: Fit_Score__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.';

describe('Salesforce simulator: profiles, permission sets and field-level security', () => {
  const sim = useSimulator();
  let admin: Connection;
  let integration: Connection;

  beforeEach(() => {
    sim().reset();
    admin = tokenConnection(sim());
    integration = tokenConnection(sim(), sim().defaults().integrationUserId);
  });

  async function fieldNames(conn: Connection): Promise<string[]> {
    return (await conn.sobject('Lead').describe()).fields.map((f) => f.name);
  }

  /** A permission set granting the integration user Lead, as leadpact provision would. */
  async function integrationSet(): Promise<string> {
    const set = await admin.sobject('PermissionSet').create({ Name: 'Test_Integration', Label: 'Test Integration' });
    const setId = set.id ?? '';
    await admin.sobject('ObjectPermissions').create({
      ParentId: setId,
      SobjectType: 'Lead',
      PermissionsRead: true,
      PermissionsCreate: true,
      PermissionsEdit: true,
    });
    await admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: sim().defaults().integrationUserId, PermissionSetId: setId });
    return setId;
  }

  it('hides a custom field created through the Tooling API from everyone, the System Administrator included', async () => {
    await admin.tooling.sobject('CustomField').create(SCORE);
    expect(await fieldNames(admin)).not.toContain('Fit_Score__c');
    expect(await fieldNames(admin)).toContain('LastName');
    const query = await rejection(admin.query('SELECT Id, Fit_Score__c FROM Lead'));
    expect(query.errorCode).toBe('INVALID_FIELD');
    expect(query.message).toContain(NO_SUCH_COLUMN);
    const write = await rejection(admin.sobject('Lead').create({ LastName: 'A', Company: 'B', Fit_Score__c: 1 }));
    expect([write.errorCode, write.message]).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE', NOT_WRITABLE]);
    const collection = await admin.sobject('Lead').create([{ LastName: 'A', Company: 'B', Fit_Score__c: 1 }]);
    expect(collection).toEqual([
      {
        success: false,
        errors: [{ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: NOT_WRITABLE, fields: ['Fit_Score__c'] }],
      },
    ]);
  });

  it('shows a field with Read access as not updateable and refuses writes; Edit makes it writable', async () => {
    await admin.tooling.sobject('CustomField').create(SCORE);
    const setId = await integrationSet();
    const grant = await admin.sobject('FieldPermissions').create({
      ParentId: setId,
      SobjectType: 'Lead',
      Field: 'Lead.Fit_Score__c',
      PermissionsRead: true,
      PermissionsEdit: false,
    });
    const field = (await integration.sobject('Lead').describe()).fields.find((f) => f.name === 'Fit_Score__c');
    expect(field).toMatchObject({ createable: false, updateable: false });
    expect((await integration.query('SELECT Fit_Score__c FROM Lead')).totalSize).toBe(0);
    const refused = await rejection(
      integration.sobject('Lead').create({ LastName: 'A', Company: 'B', Fit_Score__c: 1 }),
    );
    expect(refused.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    await admin.sobject('FieldPermissions').update({ Id: grant.id ?? '', PermissionsEdit: true });
    const { id } = await integration.sobject('Lead').create({ LastName: 'A', Company: 'B', Fit_Score__c: 7 });
    expect(await integration.query(`SELECT Fit_Score__c FROM Lead WHERE Id = '${id ?? ''}'`)).toMatchObject({
      records: [expect.objectContaining({ Fit_Score__c: 7 })],
    });
    // Deleting the grant hides the field again, from describe and from queries.
    await admin.sobject('FieldPermissions').destroy(grant.id ?? '');
    expect(await fieldNames(integration)).not.toContain('Fit_Score__c');
    expect((await rejection(integration.query('SELECT Fit_Score__c FROM Lead'))).errorCode).toBe('INVALID_FIELD');
  });

  it('refuses an object the user has no Read on: 404 on its resources, INVALID_TYPE in SOQL, absent from describeGlobal', async () => {
    const describe = await rejection(integration.sobject('Lead').describe());
    expect([describe.errorCode, describe.message]).toEqual(['NOT_FOUND', 'The requested resource does not exist']);
    const query = await rejection(integration.query('SELECT Id FROM Lead'));
    expect(query.errorCode).toBe('INVALID_TYPE');
    expect(query.message).toContain("sObject type 'Lead' is not supported.");
    const global = await integration.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).not.toContain('Lead');
    expect(global.sobjects.map((o) => o.name)).toContain('User');
    await integrationSet();
    expect(await fieldNames(integration)).toContain('Email');
    const { id } = await integration.sobject('Lead').create({ LastName: 'A', Company: 'B' });
    expect(await integration.sobject('Lead').update({ Id: id ?? '', Title: 'VP' })).toMatchObject({ success: true });
    const deleted = await rejection(integration.sobject('Lead').destroy(id ?? ''));
    expect(deleted.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it("models the org's users: licences, profiles with their own permission sets, assignments, queue members", async () => {
    const { integrationUserId, adminUserId, leadQueueId } = sim().defaults();
    const users = await admin.query<{ Id: string; Profile: { Name: string; UserLicense: { Name: string } } }>(
      'SELECT Id, Profile.Name, Profile.UserLicense.Name FROM User WHERE IsActive = true ORDER BY CreatedDate',
    );
    const byId = new Map(users.records.map((u) => [u.Id, u.Profile]));
    expect(byId.get(integrationUserId)).toMatchObject({
      Name: 'Salesforce API Only System Integrations',
      UserLicense: { Name: 'Salesforce Integration' },
    });
    expect(byId.get(adminUserId)).toMatchObject({ Name: 'System Administrator' });
    expect(new Set([...byId.values()].map((p) => p.Name))).toContain('Standard User');
    const owned = await admin.query('SELECT Id, Profile.Name FROM PermissionSet WHERE IsOwnedByProfile = true');
    expect(owned.totalSize).toBe(3);
    const members = await integration.query(`SELECT UserOrGroupId FROM GroupMember WHERE GroupId = '${leadQueueId}'`);
    expect(members.totalSize).toBeGreaterThan(0);
  });

  it('checks permission records as Setup does: an existing field, Read under Edit, one grant per field', async () => {
    await admin.tooling.sobject('CustomField').create(SCORE);
    const setId = await integrationSet();
    const base = { ParentId: setId, SobjectType: 'Lead', PermissionsRead: true, PermissionsEdit: true };
    const unknown = await rejection(admin.sobject('FieldPermissions').create({ ...base, Field: 'Lead.Nope__c' }));
    expect(unknown.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    const editOnly = await rejection(
      admin.sobject('FieldPermissions').create({ ...base, Field: 'Lead.Fit_Score__c', PermissionsRead: false }),
    );
    expect(editOnly.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    await admin.sobject('FieldPermissions').create({ ...base, Field: 'Lead.Fit_Score__c' });
    const twice = await rejection(admin.sobject('FieldPermissions').create({ ...base, Field: 'Lead.Fit_Score__c' }));
    expect(twice.errorCode).toBe('DUPLICATE_VALUE');
  });

  it('lets only a user who manages permission sets write them', async () => {
    const assignment = await admin.query<{ Id: string }>(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${sim().defaults().integrationUserId}' AND PermissionSet.Name = 'Integration_Administration'`,
    );
    expect((await integration.sobject('PermissionSet').create({ Name: 'Allowed', Label: 'Allowed' })).success).toBe(
      true,
    );
    await admin.sobject('PermissionSetAssignment').destroy(assignment.records[0]?.Id ?? '');
    const refused = await rejection(integration.sobject('PermissionSet').create({ Name: 'Refused', Label: 'Refused' }));
    expect(refused.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    // Reading them takes only "View Setup and Configuration", which the API-only profile has.
    expect((await integration.query("SELECT Id FROM PermissionSet WHERE Name = 'Allowed'")).totalSize).toBe(1);
  });

  it("keeps today's all-access org with access: 'all'", async () => {
    const open = await startSalesforceSimulatorFor({ access: 'all' });
    try {
      const conn = tokenConnection(open, open.defaults().integrationUserId);
      await conn.tooling.sobject('CustomField').create(SCORE);
      expect(await fieldNames(conn)).toContain('Fit_Score__c');
      expect((await conn.sobject('Lead').create({ LastName: 'A', Company: 'B', Fit_Score__c: 3 })).success).toBe(true);
    } finally {
      await open.close();
    }
  });

  it('grants through the profile-owned permission set as well as through assignments', async () => {
    await admin.tooling.sobject('CustomField').create(SCORE);
    await grantFields(admin, ['Lead.Fit_Score__c']);
    expect(await fieldNames(admin)).toContain('Fit_Score__c');
    expect(await fieldNames(tokenConnection(sim(), sim().defaults().userIds[1]))).not.toContain('Fit_Score__c');
  });
});
