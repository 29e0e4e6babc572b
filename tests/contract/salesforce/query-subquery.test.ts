import { rejection, useFreshOrg } from './support';

interface Child {
  totalSize: number;
  done: boolean;
  records: { LastName: string }[];
}

describe('Salesforce simulator: parent-to-child subqueries with jsforce', () => {
  const { sim, conn } = useFreshOrg();

  function seedAccounts(): { acme: string; empty: string } {
    const [acme = '', empty = ''] = sim().seed('Account', [{ Name: 'Acme' }, { Name: 'Empty Co' }]);
    sim().seed('Contact', [
      { LastName: 'Zed', AccountId: acme },
      { LastName: 'Ada', AccountId: acme },
      { LastName: 'Bea', AccountId: acme },
    ]);
    return { acme, empty };
  }

  it('nests each parent’s children as a query result, null when it has none', async () => {
    const { acme, empty } = seedAccounts();
    const result = await conn().query<{ Id: string; Contacts: Child | null }>(
      'SELECT Id, Name, (SELECT LastName FROM Contacts ORDER BY LastName LIMIT 2) FROM Account ORDER BY Name',
    );
    const byId = Object.fromEntries(result.records.map((r) => [r.Id, r.Contacts]));
    expect(byId[acme]).toMatchObject({ totalSize: 2, done: true, records: [{ LastName: 'Ada' }, { LastName: 'Bea' }] });
    expect(byId[empty]).toBeNull();
  });

  it('filters children with the subquery’s own WHERE', async () => {
    const { acme } = seedAccounts();
    const result = await conn().query<{ Contacts: Child | null }>(
      `SELECT Id, (SELECT LastName FROM Contacts WHERE LastName = 'Zed') FROM Account WHERE Id = '${acme}'`,
    );
    expect(result.records[0]?.Contacts?.records.map((c) => c.LastName)).toEqual(['Zed']);
  });

  it('refuses a relationship the parent does not have, naming it', async () => {
    const failure = await rejection(conn().query('SELECT Id, (SELECT Id FROM Leads) FROM Account'));
    expect(failure.errorCode).toBe('INVALID_TYPE');
    expect(failure.message).toMatch(/Didn't understand relationship 'Leads'/);
  });
});
