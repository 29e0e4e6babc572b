import { domainOf } from '../../../connectors/salesforce/record-reads';
import { jwtAudience } from '../../../connectors/salesforce/salesforce-auth';
import { apiName, mergeOutcomes, outcomeOf } from '../../../connectors/salesforce/record-writes';
import { soqlContains, soqlDateTime, soqlList, soqlString } from '../../../connectors/salesforce/soql-text';

describe('connector mapping', () => {
  it('maps a SaveResult to a port outcome, retryable only when every error is transient', () => {
    expect(outcomeOf('Lead', { id: '00Q5g0000100001EAA', success: true, errors: [], created: true }, false)).toEqual({
      ok: true,
      id: '00Q5g0000100001EAA',
      created: true,
    });
    expect(
      outcomeOf(
        'Lead',
        {
          success: false,
          errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }],
        },
        false,
      ),
    ).toMatchObject({ ok: false, code: 'UNABLE_TO_LOCK_ROW', retryable: true });
    expect(
      outcomeOf(
        'Lead',
        {
          success: false,
          errors: [
            { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'a' },
            { statusCode: 'STRING_TOO_LONG', message: 'b', fields: ['LastName'] },
          ],
        },
        false,
      ),
    ).toEqual({ ok: false, code: 'UNABLE_TO_LOCK_ROW', message: 'a; b', fields: ['LastName'], retryable: false });
  });

  it('makes a field the integration user may not write a configuration error naming the field and its fix', () => {
    const outcome = outcomeOf(
      'Lead',
      {
        success: false,
        errors: [
          {
            statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
            message:
              'Unable to create/update fields: Rejection_Code__c. Please check the security settings of this field.',
            fields: ['Rejection_Code__c'],
          },
        ],
      },
      false,
    );
    expect(outcome).toMatchObject({
      ok: false,
      code: 'SALESFORCE_ACCESS_MISSING',
      fields: ['Rejection_Code__c'],
      retryable: false,
    });
    expect(outcome.ok ? '' : outcome.message).toContain(
      'grant Read and Edit on Lead.Rejection_Code__c in the permission set "leadpact Integration"',
    );
    expect(outcome.ok ? '' : outcome.message).toContain('or run `leadpact provision`');
  });

  it('puts outcomes decided locally back in input order', () => {
    const local = [
      undefined,
      { ok: false as const, code: 'MISSING_EXTERNAL_ID', message: 'x', fields: [], retryable: false },
      undefined,
    ];
    const merged = mergeOutcomes(
      'Lead',
      local,
      [
        { id: '00Q5g0000100001EAA', success: true, errors: [] },
        { id: '00Q5g0000100002EAA', success: true, errors: [] },
      ],
      false,
    );
    expect(merged.map((o) => (o.ok ? o.id : o.code))).toEqual([
      '00Q5g0000100001EAA',
      'MISSING_EXTERNAL_ID',
      '00Q5g0000100002EAA',
    ]);
    expect(() => mergeOutcomes('Lead', local, [], false)).toThrow(/answered 0 results for 2 records/);
  });

  it('accepts only API names where names go into URLs and SOQL', () => {
    expect(apiName('HubSpot_Contact_Id__c')).toBe('HubSpot_Contact_Id__c');
    expect(() => apiName('Id FROM User')).toThrow(/Not a Salesforce API name/);
    expect(() => apiName('../tooling')).toThrow(/Not a Salesforce API name/);
  });

  it('writes SOQL literals that cannot break out of the query', () => {
    expect(soqlString("o'x\\y\n")).toBe("'o\\'x\\\\y\\n'");
    expect(soqlList(['a', "b'"])).toBe("('a', 'b\\'')");
    expect(soqlContains('50%_off')).toBe("'%50\\%\\_off%'");
    expect(soqlDateTime(Date.parse('2024-06-03T08:00:00.999Z'))).toBe('2024-06-03T08:00:00Z');
  });

  it('addresses JWT assertions to the login server, sandboxes and My Domains included', () => {
    expect(jwtAudience('https://login.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://acme.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtAudience('https://acme--uat.sandbox.my.salesforce.com')).toBe('https://test.salesforce.com');
    expect(jwtAudience('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });

  it('reduces a website to its domain', () => {
    expect(
      ['https://www.Acme.com/about', 'acme.com', 'http://acme.com:8080?x', 'WWW.ACME.COM#top'].map(domainOf),
    ).toEqual(['acme.com', 'acme.com', 'acme.com', 'acme.com']);
  });
});
