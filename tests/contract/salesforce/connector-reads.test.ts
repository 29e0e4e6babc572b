import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { salesforceId } from '../../../src/shared/ids';
import { connectorFor, useSimulator, grantLeadpactAccess } from './support';

describe('Salesforce connector: reads', () => {
  const sim = useSimulator();
  let connector: SalesforcePort;

  beforeAll(async () => {
    connector = await connectorFor(sim());
  });

  beforeEach(() => {
    sim().reset();
    grantLeadpactAccess(sim());
  });

  it('retrieves records by id with the fields asked for; missing and deleted ids are simply absent', async () => {
    const [a, b, c] = sim()
      .seed('Lead', [
        { LastName: 'Ada', Company: 'A', Email: 'ada@a.test' },
        { LastName: 'Bob', Company: 'B' },
        { LastName: 'Cy', Company: 'C' },
      ])
      .map(salesforceId);
    sim().merge(String(b), [String(c)]);
    const records = await connector.retrieve('Lead', [a!, salesforceId('00Q5g00000ZZZZZ'), c!], ['LastName', 'Email']);
    expect(records).toEqual([{ id: a, object: 'Lead', fields: { Id: a, LastName: 'Ada', Email: 'ada@a.test' } }]);
    expect(sim().calls().byRoute).toEqual({ 'POST /composite/sobjects/:type': 1 });
  });

  it('finds the Lead each Contact was converted from, in one API call; a Contact created directly is absent', async () => {
    const [first, second] = sim().seed('Lead', [
      { LastName: 'First', Company: 'A', Email: 'first@a.test' },
      { LastName: 'Second', Company: 'B', Email: 'second@b.test' },
    ]);
    const withOpportunity = sim().convertLead(first ?? '');
    const withoutOpportunity = sim().convertLead(second ?? '', { doNotCreateOpportunity: true });
    const [direct] = sim()
      .seed('Contact', [{ LastName: 'Direct', Email: 'direct@c.test' }])
      .map(salesforceId);
    const before = sim().calls().total;
    const found = await connector.findConversions([
      salesforceId(withOpportunity.contactId),
      salesforceId(withoutOpportunity.contactId),
      direct!,
    ]);
    expect(sim().calls().total - before).toBe(1);
    expect([...found.entries()].sort()).toEqual(
      [
        [
          withOpportunity.contactId,
          {
            leadId: first,
            contactId: withOpportunity.contactId,
            accountId: withOpportunity.accountId,
            opportunityId: withOpportunity.opportunityId,
          },
        ],
        [
          withoutOpportunity.contactId,
          {
            leadId: second,
            contactId: withoutOpportunity.contactId,
            accountId: withoutOpportunity.accountId,
            opportunityId: null,
          },
        ],
      ].sort(),
    );
  });

  it('finds unconverted leads and contacts by e-mail, case-insensitively, in one API call', async () => {
    const [open, converted] = sim().seed('Lead', [
      { LastName: 'Open', Company: 'A', Email: 'Pat@Example.com' },
      { LastName: 'Converted', Company: 'B', Email: 'sam@example.com' },
    ]);
    const result = sim().convertLead(converted ?? '');
    const before = sim().calls().total;
    const people = await connector.findPeopleByEmail(['pat@example.com', 'SAM@example.com', 'none@example.com']);
    expect(sim().calls().total - before).toBe(1);
    expect(people).toEqual(
      expect.arrayContaining([
        {
          id: open,
          object: 'Lead',
          email: 'Pat@Example.com',
          accountId: null,
          ownerId: sim().defaults().integrationUserId,
          isConverted: false,
        },
        {
          id: result.contactId,
          object: 'Contact',
          email: 'sam@example.com',
          accountId: result.accountId,
          ownerId: sim().defaults().integrationUserId,
          isConverted: false,
        },
      ]),
    );
    expect(people).toHaveLength(2);
  });

  it('finds accounts whose website is on one of the domains, whatever the URL form', async () => {
    const [acme, , partial] = sim().seed('Account', [
      { Name: 'Acme', Website: 'https://www.Acme.com/about' },
      { Name: 'Other', Website: 'other.io' },
      { Name: 'Not Acme', Website: 'notacme.com' },
      { Name: 'Underscore', Website: 'a_b.com' },
    ]);
    const found = await connector.findAccountsByDomain(['acme.com', 'www.notacme.com', 'a%b.com']);
    expect(found).toEqual(
      expect.arrayContaining([
        { id: acme, domain: 'acme.com', name: 'Acme', ownerId: sim().defaults().integrationUserId },
        { id: partial, domain: 'notacme.com', name: 'Not Acme', ownerId: sim().defaults().integrationUserId },
      ]),
    );
    expect(found).toHaveLength(2);
  });
});
