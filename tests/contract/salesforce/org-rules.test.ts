import type { SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { API_VERSION, useSimulator } from './support';

/**
 * A configured org's own rules, as the simulator's default org runs them on every REST write:
 * the active lead assignment rule, the standard duplicate rules, state and country picklists, and
 * (when configured) validation rules and record types.
 */

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

function client(sim: () => SalesforceSimulator) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${sim().url}/services/data/v${API_VERSION}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sim().mintAccessToken(sim().defaults().adminUserId)}`,
        'content-type': 'application/json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
}

function idOf(answer: Answer): string {
  expect(answer.status).toBe(201);
  return (answer.body as { id: string }).id;
}

describe('Salesforce simulator: the org’s own rules', () => {
  const sim = useSimulator();
  const api = client(sim);
  const record = (object: string, id: string) =>
    sim()
      .records(object)
      .find((r) => r['Id'] === id) ?? {};
  let rep: string;
  let queue: string;

  beforeEach(() => {
    sim().reset();
    const { userIds, integrationUserId, adminUserId, leadQueueId } = sim().defaults();
    rep = userIds.find((id) => id !== integrationUserId && id !== adminUserId) ?? '';
    queue = leadQueueId;
  });

  describe('lead assignment rules (REST API "Assignment Rule Header")', () => {
    const lead = { FirstName: 'Ada', LastName: 'Lovelace', Company: 'Engines' };

    it('reassigns a lead created without the header to the active rule’s queue, on update too', async () => {
      const id = idOf(await api('POST', '/sobjects/Lead', { ...lead, OwnerId: rep }));
      expect(record('Lead', id)['OwnerId']).toBe(queue);
      expect((await api('PATCH', `/sobjects/Lead/${id}`, { OwnerId: rep })).status).toBe(204);
      expect(record('Lead', id)['OwnerId']).toBe(queue);
    });

    it('keeps the owner the request set when it sends Sforce-Auto-Assign: FALSE (any case)', async () => {
      const id = idOf(
        await api('POST', '/sobjects/Lead', { ...lead, OwnerId: rep }, { 'Sforce-Auto-Assign': 'false' }),
      );
      expect(record('Lead', id)['OwnerId']).toBe(rep);
      const batch = await api(
        'POST',
        '/composite/sobjects',
        { allOrNone: false, records: [{ attributes: { type: 'Lead' }, ...lead, LastName: 'Byron', OwnerId: rep }] },
        { 'Sforce-Auto-Assign': 'FALSE' },
      );
      const [saved] = batch.body as { id: string }[];
      expect(record('Lead', saved?.id ?? '')['OwnerId']).toBe(rep);
    });

    it('runs the rule a request names by id, and the rules are queryable', async () => {
      const rows = await api(
        'GET',
        `/query?q=${encodeURIComponent('SELECT Id, Name, SobjectType, Active FROM AssignmentRule')}`,
      );
      const [rule] = (rows.body as { records: { Id: string; Active: boolean; SobjectType: string }[] }).records;
      expect(rule).toMatchObject({ Active: true, SobjectType: 'Lead' });
      sim().setOrgRules({
        assignmentRules: [
          { name: 'Standard', active: false, entries: [{ assignTo: { queue: 'Lead_Queue' } }] },
          { name: 'Germany', active: true, entries: [{ criteria: 'Country = "Germany"', assignTo: { user: rep } }] },
        ],
      });
      const byName = idOf(await api('POST', '/sobjects/Lead', lead, { 'Sforce-Auto-Assign': rule?.Id ?? '' }));
      expect(record('Lead', byName)['OwnerId']).toBe(queue);
      const german = idOf(await api('POST', '/sobjects/Lead', { ...lead, LastName: 'Gauss', Country: 'Germany' }));
      expect(record('Lead', german)['OwnerId']).toBe(rep);
    });
  });

  describe('duplicate rules (REST API "Duplicate Rule Header")', () => {
    const grace = { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@navy.test' };

    it('refuses a second Grace Hopper with DUPLICATES_DETECTED and the duplicate result naming the first', async () => {
      const first = idOf(await api('POST', '/sobjects/Lead', grace));
      const twin = await api('POST', '/sobjects/Lead', { ...grace, Email: 'g.hopper@navy.test' });
      expect(twin.status).toBe(400);
      expect(twin.body).toEqual([
        expect.objectContaining({
          errorCode: 'DUPLICATES_DETECTED',
          message: 'Use one of these records?',
          duplicateResult: expect.objectContaining({
            allowSave: true,
            duplicateRule: 'Standard_Lead_Duplicate_Rule',
            duplicateRuleEntityType: 'Lead',
            matchResults: [
              expect.objectContaining({
                entityType: 'Lead',
                matchRecords: [expect.objectContaining({ record: expect.objectContaining({ Id: first }) })],
              }),
            ],
          }),
        }),
      ]);
      expect(sim().records('Lead')).toHaveLength(1);
    });

    it('saves the duplicate with allowSave=true, in sObject Collections too, where errors carry the result', async () => {
      idOf(await api('POST', '/sobjects/Lead', grace));
      const refused = await api('POST', '/composite/sobjects', {
        allOrNone: false,
        records: [{ attributes: { type: 'Lead' }, ...grace }],
      });
      expect(refused.body).toEqual([
        expect.objectContaining({
          success: false,
          errors: [expect.objectContaining({ statusCode: 'DUPLICATES_DETECTED', duplicateResult: expect.anything() })],
        }),
      ]);
      const allowed = await api(
        'POST',
        '/composite/sobjects',
        { allOrNone: false, records: [{ attributes: { type: 'Lead' }, ...grace }] },
        { 'Sforce-Duplicate-Rule-Header': 'allowSave=true; includeRecordDetails=false' },
      );
      expect(allowed.body).toEqual([expect.objectContaining({ success: true })]);
    });

    it('a Block rule refuses even with allowSave, and a Lead matches a Contact of the same name and Account', async () => {
      const account = idOf(await api('POST', '/sobjects/Account', { Name: 'Navy' }));
      idOf(await api('POST', '/sobjects/Contact', { FirstName: 'Grace', LastName: 'Hopper', AccountId: account }));
      const lead = await api('POST', '/sobjects/Lead', grace);
      expect(lead.body).toEqual([expect.objectContaining({ errorCode: 'DUPLICATES_DETECTED' })]);
      sim().setOrgRules({
        duplicateRules: sim()
          .orgRules()
          .duplicateRules.map((rule) => ({ ...rule, onCreate: 'block' as const })),
      });
      const blocked = await api('POST', '/sobjects/Lead', grace, { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' });
      expect(blocked.body).toEqual([
        expect.objectContaining({
          errorCode: 'DUPLICATES_DETECTED',
          duplicateResult: expect.objectContaining({ allowSave: false }),
        }),
      ]);
      const rules = await api(
        'GET',
        `/query?q=${encodeURIComponent('SELECT DeveloperName, SobjectType, IsActive FROM DuplicateRule')}`,
      );
      expect((rules.body as { records: unknown[] }).records).toHaveLength(3);
    });
  });

  describe('state and country picklists (Help "State and Country/Territory Picklists")', () => {
    it('takes a configured name or an ISO code, fills the other side, and refuses other text', async () => {
      const byCode = idOf(
        await api('POST', '/sobjects/Lead', { LastName: 'A', Company: 'A', CountryCode: 'US', StateCode: 'CA' }),
      );
      expect(record('Lead', byCode)).toMatchObject({
        Country: 'United States',
        CountryCode: 'US',
        State: 'California',
      });
      const byName = idOf(
        await api('POST', '/sobjects/Lead', { LastName: 'B', Company: 'B', Country: 'united kingdom' }),
      );
      expect(record('Lead', byName)).toMatchObject({ Country: 'United Kingdom', CountryCode: 'GB' });
      const usa = await api('POST', '/sobjects/Lead', { LastName: 'C', Company: 'C', Country: 'USA' });
      expect(usa.body).toEqual([
        {
          errorCode: 'FIELD_INTEGRITY_EXCEPTION',
          message:
            "There's a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries.",
          fields: ['Country'],
        },
      ]);
      const calif = await api('POST', '/sobjects/Contact', {
        LastName: 'D',
        MailingCountryCode: 'US',
        MailingState: 'Calif.',
      });
      expect(calif.body).toEqual([
        expect.objectContaining({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['MailingState'] }),
      ]);
    });

    it('shows CountryCode in describe only while the picklists are on', async () => {
      const names = async () =>
        ((await api('GET', '/sobjects/Account/describe')).body as { fields: { name: string }[] }).fields.map(
          (f) => f.name,
        );
      expect(await names()).toEqual(expect.arrayContaining(['BillingCountryCode', 'BillingStateCode']));
      sim().setOrgRules({ stateCountryPicklists: false });
      expect(await names()).not.toContain('BillingCountryCode');
      idOf(await api('POST', '/sobjects/Lead', { LastName: 'E', Company: 'E', Country: 'USA' }));
    });
  });

  describe('validation rules (Help "Validation Rules")', () => {
    it('fails a save whose error condition is TRUE with the admin’s message at the error field', async () => {
      sim().setOrgRules({
        validationRules: [
          {
            name: 'Phone_Too_Short',
            object: 'Lead',
            active: true,
            formula: 'AND(NOT(ISBLANK(Phone)), LEN(Phone) < 7)',
            message: 'Phone numbers need at least 7 digits.',
            field: 'Phone',
          },
          { name: 'Inactive', object: 'Lead', active: false, formula: 'TRUE', message: 'never' },
        ],
      });
      const refused = await api('POST', '/sobjects/Lead', { LastName: 'F', Company: 'F', Phone: '123' });
      expect(refused.body).toEqual([
        {
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Phone numbers need at least 7 digits.',
          fields: ['Phone'],
        },
      ]);
      idOf(await api('POST', '/sobjects/Lead', { LastName: 'G', Company: 'G', Phone: '+44 20 7946 0000' }));
    });
  });

  describe('validation rules in the Tooling API (Tooling API "ValidationRule")', () => {
    it('lists the configured rules with their object, message and state', async () => {
      sim().setOrgRules({
        validationRules: [
          {
            name: 'Lead_Needs_Phone',
            object: 'Lead',
            active: true,
            formula: 'ISBLANK(Phone)',
            message: 'Add a phone number.',
            field: 'Phone',
          },
          { name: 'Old_Rule', object: 'Contact', active: false, formula: 'TRUE', message: 'Retired.' },
        ],
      });
      const soql =
        'SELECT Id, ValidationName, Active, ErrorMessage, ErrorDisplayField, EntityDefinition.DeveloperName ' +
        'FROM ValidationRule ORDER BY ValidationName';
      const listed = await api('GET', `/tooling/query?q=${encodeURIComponent(soql)}`);
      expect(listed.status).toBe(200);
      const records = (listed.body as { records: Record<string, unknown>[] }).records;
      expect(records).toEqual([
        expect.objectContaining({
          Id: expect.stringMatching(/^03d/),
          ValidationName: 'Lead_Needs_Phone',
          Active: true,
          ErrorMessage: 'Add a phone number.',
          ErrorDisplayField: 'Phone',
          EntityDefinition: expect.objectContaining({ DeveloperName: 'Lead' }),
        }),
        expect.objectContaining({
          ValidationName: 'Old_Rule',
          Active: false,
          ErrorDisplayField: null,
          EntityDefinition: expect.objectContaining({ DeveloperName: 'Contact' }),
        }),
      ]);
      const active = await api(
        'GET',
        `/tooling/query?q=${encodeURIComponent("SELECT ValidationName FROM ValidationRule WHERE Active = true AND EntityDefinition.DeveloperName = 'Lead'")}`,
      );
      expect((active.body as { records: { ValidationName: string }[] }).records.map((r) => r.ValidationName)).toEqual([
        'Lead_Needs_Phone',
      ]);
      const id = String(records[0]?.['Id']);
      const again = await api(
        'GET',
        `/tooling/query?q=${encodeURIComponent(`SELECT Id, Metadata FROM ValidationRule WHERE Id = '${id}'`)}`,
      );
      expect((again.body as { records: unknown[] }).records[0]).toMatchObject({
        Id: id,
        Metadata: { errorConditionFormula: 'ISBLANK(Phone)', errorMessage: 'Add a phone number.' },
      });
    });

    it('answers an org without validation rules with no rows', async () => {
      sim().setOrgRules({ validationRules: [] });
      const none = await api('GET', `/tooling/query?q=${encodeURIComponent('SELECT Id FROM ValidationRule')}`);
      expect(none.body).toMatchObject({ totalSize: 0, records: [] });
    });
  });

  describe('record types (Help "Record Types")', () => {
    const ENTERPRISE_STATUSES = ['Open - Not Contacted', 'Working - Contacted'];

    async function recordTypeIds(): Promise<Map<string, string>> {
      const soql = "SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Lead'";
      const types = await api('GET', `/query?q=${encodeURIComponent(soql)}`);
      const records = (types.body as { records: { Id: string; DeveloperName: string }[] }).records;
      return new Map(records.map((r) => [r.DeveloperName, r.Id]));
    }

    beforeEach(() => {
      sim().setOrgRules({
        recordTypes: [
          {
            object: 'Lead',
            developerName: 'Enterprise',
            name: 'Enterprise',
            picklists: { Status: ENTERPRISE_STATUSES, LeadSource: ['Web', 'Partner Referral'] },
          },
          { object: 'Lead', developerName: 'SMB', name: 'SMB' },
          { object: 'Lead', developerName: 'Retired', name: 'Retired', active: false },
        ],
      });
    });

    it('gives new records the default record type and refuses a restricted value the record type does not offer', async () => {
      const byName = await recordTypeIds();
      const id = idOf(
        await api('POST', '/sobjects/Lead', { LastName: 'H', Company: 'H', Status: 'Working - Contacted' }),
      );
      expect(record('Lead', id)['RecordTypeId']).toBe(byName.get('Enterprise'));
      const refused = await api('POST', '/sobjects/Lead', {
        LastName: 'I',
        Company: 'I',
        Status: 'Closed - Converted',
      });
      expect(refused.body).toEqual([
        expect.objectContaining({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Status'] }),
      ]);
      const smb = { LastName: 'J', Company: 'J', Status: 'Closed - Converted', RecordTypeId: byName.get('SMB') };
      expect(record('Lead', idOf(await api('POST', '/sobjects/Lead', smb)))['Status']).toBe('Closed - Converted');
    });

    it('takes any value on an unrestricted picklist, whatever the record type offers', async () => {
      const id = idOf(await api('POST', '/sobjects/Lead', { LastName: 'K', Company: 'K', LeadSource: 'Trade Show' }));
      expect(record('Lead', id)['LeadSource']).toBe('Trade Show');
    });

    it('refuses an unknown or inactive record type id with INVALID_CROSS_REFERENCE_KEY', async () => {
      const byName = await recordTypeIds();
      for (const recordTypeId of [byName.get('Retired'), '012000000000000AAA']) {
        const refused = await api('POST', '/sobjects/Lead', {
          LastName: 'L',
          Company: 'L',
          RecordTypeId: recordTypeId,
        });
        expect(refused.status).toBe(400);
        expect(refused.body).toEqual([
          expect.objectContaining({ errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['RecordTypeId'] }),
        ]);
      }
    });
  });
});
