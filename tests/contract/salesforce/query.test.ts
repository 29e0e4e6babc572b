import { SfDate, type Connection } from 'jsforce';
import { rejection, tokenConnection, useSimulator } from './support';

describe('Salesforce simulator: query and queryAll with jsforce', () => {
  const sim = useSimulator();
  let conn: Connection;

  beforeAll(() => {
    sim().seed(
      'Lead',
      Array.from({ length: 4500 }, (_, i) => ({
        LastName: `Lead ${String(i).padStart(4, '0')}`,
        Company: i % 2 === 0 ? 'Even' : 'Odd',
      })),
    );
  });

  beforeEach(() => {
    conn = tokenConnection(sim());
  });

  it('pages results 2,000 rows at a time through nextRecordsUrl, which jsforce follows', async () => {
    const before = sim().calls().byRoute['GET /query/:locator'] ?? 0;
    const result = await conn.query('SELECT Id, LastName FROM Lead ORDER BY LastName', {
      autoFetch: true,
      maxFetch: 10_000,
    });
    expect(result.totalSize).toBe(4500);
    expect(result.records).toHaveLength(4500);
    expect(result.records[4499]?.['LastName']).toBe('Lead 4499');
    expect((sim().calls().byRoute['GET /query/:locator'] ?? 0) - before).toBe(2);
  });

  it('returns done:false with a locator on the first page', async () => {
    const page = await conn.request<{ done: boolean; nextRecordsUrl: string; records: unknown[] }>(
      `/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`,
    );
    expect(page.done).toBe(false);
    expect(page.records).toHaveLength(2000);
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-2000$/);
  });

  it('honours a smaller batch size asked for in Sforce-Query-Options', async () => {
    const page = await conn.request<{ records: unknown[] }>({
      method: 'GET',
      url: `/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(page.records).toHaveLength(200);
  });

  it('counts with COUNT()', async () => {
    const result = await conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Even'");
    expect(result.totalSize).toBe(2250);
  });

  it('shows deleted records to queryAll only', async () => {
    const [lead] = (await conn.query("SELECT Id FROM Lead WHERE LastName = 'Lead 0001'")).records;
    await conn.sobject('Lead').destroy(String(lead?.Id));
    expect((await conn.query("SELECT Id FROM Lead WHERE LastName = 'Lead 0001'")).totalSize).toBe(0);
    const all = await conn.query("SELECT Id, IsDeleted FROM Lead WHERE LastName = 'Lead 0001'").scanAll(true);
    expect(all.records).toEqual([expect.objectContaining({ Id: lead?.Id, IsDeleted: true })]);
  });

  it('reads queues FROM Group, a reserved word only in GROUP BY (Object Reference, "Group")', async () => {
    const queues = await conn.query<{ Name: string }>("SELECT Id, Name FROM Group WHERE Type = 'Queue'");
    expect(queues.records.map((q) => q.Name)).toEqual(['Lead Queue']);
  });

  it('runs FOR VIEW and FOR REFERENCE as the plain query (SOQL reference, "FOR VIEW")', async () => {
    const plain = "SELECT Id, LastName FROM Lead WHERE Company = 'Odd' ORDER BY LastName LIMIT 3";
    const expected = (await conn.query(plain)).records;
    expect(expected).toHaveLength(3);
    expect((await conn.query(`${plain} FOR VIEW`)).records).toEqual(expected);
    expect((await conn.query(`${plain} for reference`)).records).toEqual(expected);
    const locking = await rejection(conn.query(`${plain} FOR UPDATE`));
    expect(locking.errorCode).toBe('MALFORMED_QUERY');
  });

  it('answers queries outside the subset with MALFORMED_QUERY, never a crash', async () => {
    const failure = await rejection(conn.query('SELECT Company, COUNT(Id) FROM Lead GROUP BY Company'));
    expect(failure.errorCode).toBe('MALFORMED_QUERY');
    expect(failure.message).toContain('ERROR at Row:1:Column:');
    expect((await rejection(conn.request('/query/01gNOPE-2000'))).errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('runs what the jsforce query builder emits', async () => {
    const records = await conn
      .sobject('Lead')
      .find(
        {
          Company: { $in: ['Odd', "O'Reilly"] },
          LastName: { $like: 'Lead 000%' },
          IsDeleted: false,
          CreatedDate: { $gt: SfDate.toDateTimeLiteral(new Date(0)) },
        },
        ['Id', 'LastName'],
      )
      .sort({ LastName: -1 })
      .limit(2)
      .offset(1);
    expect(records.map((r) => r['LastName'])).toEqual(['Lead 0007', 'Lead 0005']);
  });
});
