import { parseSoql } from '../../../connectors/salesforce/simulator/soql/parser';
import { SoqlError } from '../../../connectors/salesforce/simulator/soql/catalog';
import { makeOrg } from './org-fixture';

function leadsFixture() {
  const org = makeOrg();
  const ids = {
    ada: org.insert('Lead', {
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Company: 'Analytical',
      Email: 'ada@analytical.test',
      AnnualRevenue: 500,
      Rating: 'Hot',
    }),
    bob: org.insert('Lead', {
      FirstName: 'Bob',
      LastName: "O'Brien",
      Company: 'Acme',
      Email: "o'x@acme.test",
      AnnualRevenue: 100,
    }),
    cy: org.insert('Lead', { LastName: 'Young', Company: 'Acme', Email: null, AnnualRevenue: null, Rating: 'Cold' }),
  };
  return { org, ids };
}

function errorOf(run: () => unknown): SoqlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error('expected the query to be refused');
}

describe('SOQL subset', () => {
  it('parses what the jsforce query builder emits', () => {
    const query = parseSoql(
      "SELECT Id, Email FROM Lead WHERE Email IN ('a@b.c', 'o\\'x@y.z') AND LastModifiedDate > 2023-11-14T22:13:20Z AND IsDeleted = false AND Name LIKE 'A%' ORDER BY LastModifiedDate ASC LIMIT 200 OFFSET 10",
    );
    expect(query.object.name).toBe('Lead');
    expect(query.limit).toBe(200);
    expect(query.offset).toBe(10);
    expect(query.orderBy).toEqual([
      { field: expect.objectContaining({ path: ['LastModifiedDate'] }), direction: 'ASC', nulls: 'FIRST' },
    ]);
  });

  it('filters with = != < > IN NOT IN LIKE AND OR NOT and parentheses, comparing text case-insensitively', () => {
    const { org, ids } = leadsFixture();
    const names = (where: string) => org.query(`SELECT Id FROM Lead WHERE ${where}`).records.map((r) => r['Id']);
    expect(names("Email = 'ADA@analytical.test'")).toEqual([ids.ada]);
    expect(names("Email IN ('o\\'x@acme.test', 'nobody@x.test')")).toEqual([ids.bob]);
    expect(names("Company = 'Acme' AND NOT LastName LIKE 'y%'")).toEqual([ids.bob]);
    expect(names("(Rating = 'Hot' OR Rating = 'Cold') AND AnnualRevenue > 200")).toEqual([ids.ada]);
    expect(names("Company NOT IN ('Acme')")).toEqual([ids.ada]);
    expect(names('Email = null')).toEqual([ids.cy]);
    expect(names('AnnualRevenue != null AND AnnualRevenue <= 100')).toEqual([ids.bob]);
    expect(names("Rating != 'Hot'")).toEqual([ids.bob, ids.cy]);
  });

  it('orders with ASC/DESC and NULLS FIRST/LAST, then applies OFFSET and LIMIT', () => {
    const { org, ids } = leadsFixture();
    const order = (clause: string) => org.query(`SELECT Id FROM Lead ORDER BY ${clause}`).records.map((r) => r['Id']);
    expect(order('AnnualRevenue ASC')).toEqual([ids.cy, ids.bob, ids.ada]);
    expect(order('AnnualRevenue DESC')).toEqual([ids.ada, ids.bob, ids.cy]);
    expect(order('AnnualRevenue ASC NULLS LAST')).toEqual([ids.bob, ids.ada, ids.cy]);
    expect(
      org.query('SELECT Id FROM Lead ORDER BY LastName DESC LIMIT 1 OFFSET 1').records.map((r) => r['Id']),
    ).toEqual([ids.bob]);
  });

  it('reads relationship fields and nests them as the REST API does', () => {
    const { org, ids } = leadsFixture();
    const [record] = org.query(
      `SELECT Id, Owner.Email, Owner.Name FROM Lead WHERE Id = '${ids.ada.slice(0, 15)}'`,
    ).records;
    expect(record).toEqual({
      attributes: { type: 'Lead', url: expect.stringContaining(ids.ada) },
      Id: ids.ada,
      Owner: {
        attributes: { type: 'Name', url: expect.stringContaining('/User/') },
        Email: 'integration@leadpact.sim',
        Name: 'Integration User',
      },
    });
    expect(org.query("SELECT Id FROM Lead WHERE Owner.Email = 'INTEGRATION@leadpact.sim'").totalSize).toBe(3);
  });

  it('counts with COUNT() and COUNT(field)', () => {
    const { org } = leadsFixture();
    expect(org.query("SELECT COUNT() FROM Lead WHERE Company = 'Acme'")).toMatchObject({ totalSize: 2, records: [] });
    expect(org.query('SELECT COUNT(Email) n FROM Lead').records).toEqual([
      { attributes: { type: 'AggregateResult' }, n: 2 },
    ]);
  });

  it('compares date-time and date literals and date ranges', () => {
    const { org } = leadsFixture();
    expect(org.query('SELECT Id FROM Lead WHERE CreatedDate >= 2024-03-15T11:59:59Z').totalSize).toBe(3);
    expect(org.query('SELECT Id FROM Lead WHERE CreatedDate > 2024-03-15T12:59:59.000+01:00').totalSize).toBe(3);
    expect(org.query('SELECT Id FROM Lead WHERE CreatedDate = TODAY').totalSize).toBe(3);
    expect(org.query('SELECT Id FROM Lead WHERE CreatedDate < LAST_N_DAYS:3').totalSize).toBe(0);
  });

  it.each([
    ['SELECT Id FROM Lead WHERE', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Lead GROUP BY Company', 'MALFORMED_QUERY'],
    ["SELECT Id FROM Lead WHERE Company = 'a' AND Rating = 'b' OR Rating = 'c'", 'MALFORMED_QUERY'],
    ['SELECT Id FROM Lead WHERE Id IN (SELECT LeadId FROM CampaignMember)', 'MALFORMED_QUERY'],
    ['SELECT Id, COUNT() FROM Lead', 'MALFORMED_QUERY'],
    ["SELECT Id FROM Lead WHERE Name = 'unterminated", 'MALFORMED_QUERY'],
    ['SELECT Nope__c FROM Lead', 'INVALID_FIELD'],
    ['SELECT Owner.Nope FROM Lead', 'INVALID_FIELD'],
    ['SELECT Id FROM Nope__c', 'INVALID_TYPE'],
    ["SELECT Id FROM Lead WHERE CreatedDate > '2024-01-01'", 'INVALID_FIELD'],
    ['SELECT Id FROM Lead WHERE CreatedDate > 2024-01-01', 'INVALID_FIELD'],
    ["SELECT Id FROM Lead WHERE AnnualRevenue = '5'", 'INVALID_FIELD'],
    ["SELECT Id FROM Lead WHERE Id = 'not-an-id'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ['SELECT Id FROM Lead OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE'],
  ])('refuses %s with %s', (text, code) => {
    const { org } = leadsFixture();
    expect(errorOf(() => org.query(text)).errorCode).toBe(code);
  });

  it('points at the offending place as the platform does', () => {
    const { org } = leadsFixture();
    expect(errorOf(() => org.query('SELECT Id FROM Lead WHERE')).message).toBe(
      '\nSELECT Id FROM Lead WHERE\n                         ^\nERROR at Row:1:Column:26\nunexpected token: <EOF>',
    );
  });

  it('hides deleted rows unless the query is a queryAll', () => {
    const { org, ids } = leadsFixture();
    const row = org.actor.store.get('Lead', ids.bob);
    org.actor.store.put('Lead', { ...row, IsDeleted: true }, 'deleted');
    expect(org.query('SELECT Id FROM Lead').totalSize).toBe(2);
    expect(org.query('SELECT Id FROM Lead WHERE IsDeleted = true', true).records.map((r) => r['Id'])).toEqual([
      ids.bob,
    ]);
  });
});
