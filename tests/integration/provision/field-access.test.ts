import type { Connection } from 'jsforce';
import { missingAccess, requiredAccess } from '../../../connectors/salesforce/provision-access';
import { changedNothing, provision } from '../../../src/app/provision';
import { salesforceAccessNeeds, salesforceFieldSpecs } from '../../../src/app/provision-specs';
import { CrmError } from '../../../src/shared/errors';
import { qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import { tokenConnection } from '../../contract/salesforce/support';

const FIELD = 'Lead.Qualification_Summary__c';

/**
 * Field-level security as a real org has it, end to end: the simulated org enforces it by default,
 * `leadpact provision` grants what leadpact needs, and a grant an admin takes away turns the writes
 * that need it into configuration errors naming the field and the fix, not failures of the lead.
 */
describe('provisioned access on an org that enforces field-level security', () => {
  let h: Harness;
  let admin: Connection;

  beforeAll(async () => {
    h = await startHarness();
    admin = tokenConnection(h.sf);
  });
  afterAll(async () => {
    await h.close();
  });

  async function deadLetters(): Promise<{ error_code: string; error: string }[]> {
    return (await h.db.query<{ error_code: string; error: string }>('SELECT error_code, error FROM dead_letters')).rows;
  }

  it('hands a lead off after provisioning, and a second provision changes nothing', async () => {
    const contact = h.hs.user.createContact(qualifiedContact(1));
    const lead = await eventually(
      () => h.sf.records('Lead').find((l) => l.HubSpot_Contact_Id__c === contact.id),
      20_000,
      'the Lead in Salesforce',
    );
    expect(lead).toMatchObject({ Lead_Protocol_Stage__c: 'handed_off', SLA_Status__c: 'On Track' });
    // The stack provisioned Salesforce as `leadpact provision` does; this run finds it all in place.
    const first = await provision({ protocol: h.protocol, salesforce: h.salesforce, hubspot: h.hubspot });
    expect(first.salesforce).toMatchObject({ created: [], updated: [] });
    expect(first.salesforce.access).toMatchObject({ created: [], updated: [], notFound: [] });
    expect(first.salesforce.access.unchanged).toContain(`"leadpact Integration": Read and Edit on ${FIELD}`);
    expect(first.salesforce.access.unchanged).toContain('"leadpact Integration" assigned to Integration User');
    expect(first.salesforce.access.salesUsers.length).toBeGreaterThan(0);
    const again = await provision({ protocol: h.protocol, salesforce: h.salesforce, hubspot: h.hubspot });
    expect(changedNothing(again)).toBe(true);
  });

  it('dead-letters a write of a field whose grant was removed, naming the field and the fix', async () => {
    const grant = await admin.query<{ Id: string }>(
      `SELECT Id FROM FieldPermissions WHERE Field = '${FIELD}' AND Parent.Name = 'leadpact_Integration'`,
    );
    await admin.sobject('FieldPermissions').destroy(grant.records[0]?.Id ?? '');

    // What `leadpact doctor` compares: describe as the integration user against the plan.
    const integration = tokenConnection(h.sf, h.sf.defaults().integrationUserId);
    const plan = requiredAccess(salesforceFieldSpecs(h.protocol), salesforceAccessNeeds(h.protocol));
    const described = new Map([['Lead', await integration.sobject('Lead').describe()]]);
    expect(missingAccess(described, plan.integration)).toEqual([
      expect.objectContaining({ object: 'Lead', field: 'Qualification_Summary__c', level: 'edit' }),
    ]);

    const contact = h.hs.user.createContact(qualifiedContact(2));
    const letter = await eventually(
      async () => (await deadLetters()).find((l) => l.error_code === 'SALESFORCE_ACCESS_MISSING'),
      30_000,
      'the hand-off dead-lettered for the missing grant',
    );
    expect(letter?.error_code).toBe('SALESFORCE_ACCESS_MISSING');
    expect(letter?.error).toContain(`grant Read and Edit on ${FIELD} in the permission set "leadpact Integration"`);
    expect(letter?.error).toContain('or run `leadpact provision`');
    expect(h.sf.records('Lead').some((l) => l.HubSpot_Contact_Id__c === contact.id)).toBe(false);
  });

  it('prints the permission sets for an admin when the integration user may not manage them, and keeps the fields', async () => {
    const assignment = await admin.query<{ Id: string }>(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${h.sf.defaults().integrationUserId}' AND PermissionSet.Name = 'Integration_Administration'`,
    );
    await admin.sobject('PermissionSetAssignment').destroy(assignment.records[0]?.Id ?? '');
    const refused = await provision({ protocol: h.protocol, salesforce: h.salesforce, hubspot: h.hubspot }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(CrmError);
    expect(refused).toMatchObject({ code: 'CRM_FORBIDDEN' });
    const message = (refused as CrmError).message;
    expect(message).toContain('Permission set "leadpact Integration" (API name leadpact_Integration):');
    expect(message).toContain(`  ${FIELD}: Read and Edit`);
    expect(message).toContain('  Lead: Read, Create, Edit');
    expect(message).toContain('Permission set "leadpact Sales" (API name leadpact_Sales):');
    const fields = await admin.tooling.query<{ DeveloperName: string }>(
      "SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Lead'",
    );
    expect(fields.records.map((f) => f.DeveloperName)).toContain('Qualification_Summary');

    // Once the admin gives the rights back, provisioning restores the missing grant.
    await admin.sobject('PermissionSetAssignment').create({
      AssigneeId: h.sf.defaults().integrationUserId,
      PermissionSetId: (
        await admin.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'Integration_Administration'")
      ).records[0]?.Id,
    });
    const restored = await provision({ protocol: h.protocol, salesforce: h.salesforce, hubspot: h.hubspot });
    expect(restored.salesforce.access.created).toEqual([`"leadpact Integration": Read and Edit on ${FIELD}`]);
  });
});
