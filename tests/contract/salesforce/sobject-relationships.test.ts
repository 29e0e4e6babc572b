import { rejection, useFreshOrg } from './support';

interface Page {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
}

/**
 * sObject Relationships (REST API Developer Guide, "Get Records Using sObject Relationships"):
 * GET /sobjects/{type}/{id}/{relationshipName} through jsforce's request().
 */
describe('Salesforce simulator: records through sObject Relationships', () => {
  const { sim, conn } = useFreshOrg();

  function seedAccount(): { acme: string; empty: string; loner: string } {
    const [acme = '', empty = ''] = sim().seed('Account', [{ Name: 'Acme' }, { Name: 'Empty Co' }]);
    const [, , loner = ''] = sim().seed('Contact', [
      { LastName: 'Ada', AccountId: acme },
      { LastName: 'Bea', AccountId: acme },
      { LastName: 'Cy' },
    ]);
    return { acme, empty, loner };
  }

  it('answers a lookup relationship with the related record, as GET of that record would', async () => {
    const [lead = ''] = sim().seed('Lead', [{ LastName: 'Lin', Company: 'Lin Co' }]);
    const owner = await conn().request<Record<string, unknown>>(`/sobjects/Lead/${lead}/Owner`);
    const { records } = await conn().query<{ OwnerId: string }>(`SELECT OwnerId FROM Lead WHERE Id = '${lead}'`);
    const ownerId = records[0]?.OwnerId ?? '';
    const direct = await conn().request<Record<string, unknown>>(`/sobjects/User/${ownerId}`);
    expect(owner).toEqual(direct);
    expect(owner['attributes']).toEqual({ type: 'User', url: expect.stringMatching(`/sobjects/User/${ownerId}$`) });
  });

  it('answers a child relationship with a query-style page of the children', async () => {
    const { acme } = seedAccount();
    const page = await conn().request<Page>(`/sobjects/Account/${acme}/Contacts?fields=LastName,AccountId`);
    expect(page.totalSize).toBe(2);
    expect(page.done).toBe(true);
    const names = page.records.map((r) => r['LastName']).sort();
    expect(names).toEqual(['Ada', 'Bea']);
    expect(Object.keys(page.records[0] ?? {}).sort()).toEqual(['AccountId', 'LastName', 'attributes']);
  });

  it('answers 200 with no records for a child relationship without children', async () => {
    const { empty } = seedAccount();
    const page = await conn().request<Page>(`/sobjects/Account/${empty}/contacts`);
    expect(page).toEqual({ totalSize: 0, done: true, records: [] });
  });

  it('limits the related record to the fields named', async () => {
    const { acme } = seedAccount();
    const [dee = ''] = sim().seed('Contact', [{ LastName: 'Dee', AccountId: acme }]);
    const account = await conn().request<Record<string, unknown>>(`/sobjects/Contact/${dee}/Account?fields=Name`);
    expect(account).toEqual({ attributes: expect.objectContaining({ type: 'Account' }), Name: 'Acme' });
  });

  it('is 404 NOT_FOUND for an empty lookup and for a relationship the object does not have', async () => {
    const { acme, loner } = seedAccount();
    const empty = await rejection(conn().request(`/sobjects/Contact/${loner}/Account`));
    expect(empty.errorCode).toBe('NOT_FOUND');
    const unknown = await rejection(conn().request(`/sobjects/Account/${acme}/Leads`));
    expect(unknown.errorCode).toBe('NOT_FOUND');
  });

  it('is 400 INVALID_FIELD for a field the related object does not have', async () => {
    const { acme } = seedAccount();
    const failure = await rejection(conn().request(`/sobjects/Account/${acme}/Contacts?fields=Nope__c`));
    expect(failure.errorCode).toBe('INVALID_FIELD');
    expect(failure.message).toMatch(/No such column 'Nope__c' on entity 'Contact'/);
  });

  it('still reads a record by an external id field, the URL shape the two resources share', async () => {
    const [lead = ''] = sim().seed('Lead', [{ LastName: 'Lin', Company: 'Lin Co' }]);
    const record = await conn().request<Record<string, unknown>>(`/sobjects/Lead/Id/${lead}?fields=LastName`);
    expect(record['LastName']).toBe('Lin');
  });
});
