import type { Connection } from 'jsforce';
import { grantFields, rejection, tokenConnection, useSimulator } from '../../contract/salesforce/support';

/**
 * jsforce, unmodified, driving the simulator's data resources the way a lead sync does: records,
 * queries and their pages, sObject Collections and the composite resources. Each test is one
 * request (or one documented exchange) of the REST API Developer Guide.
 */

const EXTERNAL_ID = 'Conformance_Key__c';

describe('Salesforce simulator with jsforce: records, queries, collections, composite', () => {
  const sim = useSimulator();
  let conn: Connection;

  beforeAll(async () => {
    sim().reset();
    conn = tokenConnection(sim());
    await conn.tooling.sobject('CustomField').create({
      FullName: `Lead.${EXTERNAL_ID}`,
      Metadata: { label: 'Conformance Key', type: 'Text', length: 40, externalId: true, unique: true },
    });
    await grantFields(conn, [`Lead.${EXTERNAL_ID}`]);
  });

  async function newLead(lastName: string): Promise<string> {
    const result = await conn.sobject('Lead').create({ LastName: lastName, Company: 'Conformance Inc' });
    if (!result.success) throw new Error(`could not create ${lastName}`);
    return result.id;
  }

  it('creates, retrieves, updates and deletes a record', async () => {
    const id = await newLead('Crud');
    expect(await conn.sobject('Lead').retrieve(id)).toMatchObject({ Id: id, LastName: 'Crud' });
    expect(await conn.sobject('Lead').update({ Id: id, Title: 'CTO' })).toMatchObject({ success: true });
    expect(await conn.sobject('Lead').destroy(id)).toMatchObject({ id, success: true });
  });

  it('upserts by external id: created, then updated', async () => {
    const lead = { [EXTERNAL_ID]: 'K-1', LastName: 'Upsert', Company: 'Conformance Inc' };
    const first = await conn.sobject('Lead').upsert(lead, EXTERNAL_ID);
    expect(first).toMatchObject({ success: true, created: true });
    const second = await conn.sobject('Lead').upsert({ ...lead, Title: 'VP' }, EXTERNAL_ID);
    expect(second).toMatchObject({ success: true, created: false });
  });

  it('reads a record by external id', async () => {
    await conn.sobject('Lead').upsert({ [EXTERNAL_ID]: 'K-2', LastName: 'ByKey', Company: 'C' }, EXTERNAL_ID);
    const found = await conn.request<Record<string, unknown>>(`/sobjects/Lead/${EXTERNAL_ID}/K-2`);
    expect(found['LastName']).toBe('ByKey');
  });

  it('lists updated and deleted records (getUpdated, getDeleted)', async () => {
    const start = new Date(Date.now() - 60 * 60_000);
    const end = new Date(Date.now() + 60_000);
    const updated = await conn.sobject('Lead').updated(start, end);
    expect(updated).toEqual({ ids: expect.any(Array), latestDateCovered: expect.any(String) });
    const deleted = await conn.sobject('Lead').deleted(start, end);
    expect(deleted).toMatchObject({ deletedRecords: expect.any(Array), earliestDateAvailable: expect.any(String) });
  });

  it('queries and follows every page with queryMore', async () => {
    const records = Array.from({ length: 450 }, (_, i) => ({ LastName: `Page ${i}`, Company: 'Paging Co' }));
    for (let i = 0; i < records.length; i += 200)
      await conn.sobject('Lead').create(records.slice(i, i + 200), { allOrNone: true });
    const query = "SELECT Id, LastName FROM Lead WHERE Company = 'Paging Co'";
    const first = await conn.query(query, { headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    expect([first.done, first.records.length, first.totalSize]).toEqual([false, 200, 450]);
    let seen = first.records.length;
    let locator = first.nextRecordsUrl;
    while (locator !== undefined) {
      const page = await conn.queryMore(locator);
      seen += page.records.length;
      locator = page.nextRecordsUrl;
    }
    expect(seen).toBe(450);
  });

  it('queries deleted rows with queryAll', async () => {
    const id = await newLead('Gone');
    await conn.sobject('Lead').destroy(id);
    const result = await conn.query(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${id}'`, { scanAll: true });
    expect(result.records).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
  });

  it('queries with relationship fields and COUNT()', async () => {
    await newLead('Owned');
    const owned = await conn.query<{ Owner: { Name: string } }>('SELECT Id, Owner.Name FROM Lead LIMIT 1');
    expect(typeof owned.records[0]?.Owner.Name).toBe('string');
    const count = await conn.query('SELECT COUNT() FROM Lead');
    expect(count.totalSize).toBeGreaterThan(0);
  });

  it('queries a parent with a child subquery (jsforce include)', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Parent Co' });
    if (!account.success) throw new Error('no account');
    await conn.sobject('Contact').create({ LastName: 'Child', AccountId: account.id });
    const rows = await conn
      .sobject('Account')
      .find({ Id: account.id }, ['Id', 'Name'])
      .include('Contacts')
      .select(['Id', 'LastName'])
      .end();
    expect(rows[0]?.['Contacts']).toMatchObject({
      totalSize: 1,
      records: [expect.objectContaining({ LastName: 'Child' })],
    });
  });

  it('queries the organization model: users, queues and their members, the organization', async () => {
    const queues = await conn.query("SELECT Id, Name FROM Group WHERE Type = 'Queue'");
    expect(queues.totalSize).toBeGreaterThan(0);
    const members = await conn.query('SELECT Id, GroupId, UserOrGroupId FROM GroupMember');
    expect(members.totalSize).toBeGreaterThan(0);
    const users = await conn.query('SELECT Id, Username FROM User WHERE IsActive = true');
    expect(users.totalSize).toBeGreaterThan(0);
    const org = await conn.query<{ Id: string }>('SELECT Id, Name, OrganizationType, IsSandbox FROM Organization');
    expect(org.records[0]?.Id.slice(0, 15)).toBe(sim().credentials.orgId.slice(0, 15));
  });

  it('creates records with sObject Collections (allOrNone)', async () => {
    const results = await conn.sobject('Lead').create(
      [
        { LastName: 'One', Company: 'Coll' },
        { LastName: 'Two', Company: 'Coll' },
      ],
      { allOrNone: true },
    );
    expect(results.map((r) => r.success)).toEqual([true, true]);
  });

  it('updates, retrieves and deletes records with sObject Collections', async () => {
    const ids = [await newLead('A'), await newLead('B')];
    const updated = await conn.sobject('Lead').update(ids.map((Id) => ({ Id, Title: 'Dir' })));
    expect(updated.map((r) => r.success)).toEqual([true, true]);
    const read = await conn.sobject('Lead').retrieve(ids, { fields: ['Title'] });
    expect(read.map((r): unknown => r['Title'])).toEqual(['Dir', 'Dir']);
    const deleted = await conn.sobject('Lead').destroy(ids);
    expect(deleted.map((r) => r.success)).toEqual([true, true]);
  });

  it('upserts with sObject Collections; a failed upsert of a new record still says created', async () => {
    const results = await conn.sobject('Lead').upsert(
      [
        { [EXTERNAL_ID]: 'C-1', LastName: 'Good', Company: 'Coll' },
        { [EXTERNAL_ID]: 'C-2', Company: 'Coll' },
      ],
      EXTERNAL_ID,
    );
    expect(results[0]).toMatchObject({ success: true, created: true });
    expect(results[1]).toMatchObject({ success: false, created: true });
  });

  it('runs a composite request whose later subrequests refer to earlier results', async () => {
    const base = `/services/data/v${conn.version}`;
    const answer = await conn.requestPost<{ compositeResponse: { httpStatusCode: number }[] }>('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${base}/sobjects/Lead`, referenceId: 'lead', body: { LastName: 'Ref', Company: 'C' } },
        { method: 'GET', url: `${base}/sobjects/Lead/@{lead.id}`, referenceId: 'read' },
      ],
    });
    expect(answer.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 200]);
  });

  it('runs a Composite Batch', async () => {
    const id = await newLead('Batch');
    const answer = await conn.requestPost<{ hasErrors: boolean; results: { statusCode: number }[] }>(
      '/composite/batch',
      {
        batchRequests: [
          { method: 'PATCH', url: `v${conn.version}/sobjects/Lead/${id}`, richInput: { Title: 'Batch' } },
          { method: 'GET', url: `v${conn.version}/sobjects/Lead/${id}?fields=Title` },
        ],
      },
    );
    expect(answer.hasErrors).toBe(false);
    expect(answer.results.map((r) => r.statusCode)).toEqual([204, 200]);
  });

  it('runs a Composite Graph', async () => {
    const base = `/services/data/v${conn.version}`;
    const answer = await conn.requestPost<{ graphs: { graphId: string; isSuccessful: boolean }[] }>(
      '/composite/graph',
      {
        graphs: [
          {
            graphId: 'g1',
            compositeRequest: [
              { method: 'POST', url: `${base}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Graph Co' } },
              {
                method: 'POST',
                url: `${base}/sobjects/Contact`,
                referenceId: 'contact',
                body: { LastName: 'Graph', AccountId: '@{acct.id}' },
              },
            ],
          },
        ],
      },
    );
    expect(answer.graphs).toEqual([expect.objectContaining({ graphId: 'g1', isSuccessful: true })]);
  });

  it('creates a record tree with sObject Tree', async () => {
    const answer = await conn.requestPost<{ hasErrors: boolean; results: { referenceId: string; id: string }[] }>(
      '/composite/tree/Account',
      {
        records: [
          {
            attributes: { type: 'Account', referenceId: 'acc1' },
            Name: 'Tree Co',
            Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'con1' }, LastName: 'Leaf' }] },
          },
        ],
      },
    );
    expect(answer.hasErrors).toBe(false);
    expect(answer.results.map((r) => r.referenceId).sort()).toEqual(['acc1', 'con1']);
  });

  it('answers errors in the documented shape (NOT_FOUND, MALFORMED_QUERY)', async () => {
    expect((await rejection(conn.sobject('Lead').retrieve('00Q000000000000AAA'))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(conn.query('SELECT FROM Lead'))).errorCode).toBe('MALFORMED_QUERY');
  });
});
