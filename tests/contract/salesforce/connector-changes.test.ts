import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import type { SalesforceRecord } from '../../../src/shared/field-specs';
import type { ChangeCursor } from '../../../src/shared/crm-port';
import { connectorFor, useSimulator, grantLeadpactAccess } from './support';

const START = Date.parse('2024-06-03T08:00:00.000Z');
const OVERLAP_MS = 60_000;

describe('Salesforce connector: reading changes by SystemModstamp', () => {
  let now = START;
  const sim = useSimulator({ clock: () => now });
  let connector: SalesforcePort;

  beforeAll(async () => {
    connector = await connectorFor(sim(), 'password', { changeOverlapMs: OVERLAP_MS });
  });

  beforeEach(() => {
    now = START;
    sim().reset();
    grantLeadpactAccess(sim());
  });

  /** Reads every page from `cursor`, as a poller would. */
  async function drain(
    cursor: ChangeCursor,
    limit: number,
  ): Promise<{ records: SalesforceRecord[]; cursor: ChangeCursor }> {
    const records: SalesforceRecord[] = [];
    let current = cursor;
    for (let more = true; more;) {
      const page = await connector.readChanges('Lead', current, ['LastName', 'Company'], limit);
      records.push(...page.records);
      current = page.next;
      more = page.more;
    }
    return { records, cursor: current };
  }

  it('pages through many records sharing one second without repeating or skipping any', async () => {
    sim().seed(
      'Lead',
      Array.from({ length: 450 }, (_, i) => ({ LastName: `L${i}`, Company: 'Same second' })),
    );
    now += 5 * 60_000;
    const { records } = await drain({ since: new Date(START - 1000).toISOString(), afterId: null }, 200);
    expect(records).toHaveLength(450);
    expect(new Set(records.map((r) => r.id)).size).toBe(450);
    expect(records[0]?.fields).toMatchObject({
      LastName: 'L0',
      Company: 'Same second',
      IsDeleted: false,
      SystemModstamp: '2024-06-03T08:00:00.000+0000',
    });
  });

  it('never skips a record whose change committed late, with a stamp older than what was already read', async () => {
    sim().seed('Lead', [{ LastName: 'Early', Company: 'A' }]);
    now += 10 * 60_000;
    sim().seed('Lead', [{ LastName: 'Recent', Company: 'A' }]);
    const first = await drain({ since: new Date(START - 1000).toISOString(), afterId: null }, 100);
    expect(first.records.map((r) => r.fields['LastName'])).toEqual(['Early', 'Recent']);
    // A transaction that stamped its row 30 s ago commits only now.
    sim().seed('Lead', [{ LastName: 'Late', Company: 'A', SystemModstamp: new Date(now - 30_000).toISOString() }]);
    now += 1000;
    const second = await drain(first.cursor, 100);
    expect(second.records.map((r) => r.fields['LastName'])).toContain('Late');
  });

  it('returns fresh changes at once, and advances the cursor only past settled ones', async () => {
    sim().seed('Lead', [{ LastName: 'Fresh', Company: 'A' }]);
    const cursor = { since: new Date(START - 1000).toISOString(), afterId: null };
    const page = await connector.readChanges('Lead', cursor, ['LastName'], 100);
    expect(page.records.map((r) => r.fields['LastName'])).toEqual(['Fresh']);
    expect(page.more).toBe(false);
    expect(Date.parse(page.next.since)).toBeLessThanOrEqual(START);
    now += OVERLAP_MS + 2000;
    const settled = await connector.readChanges('Lead', page.next, ['LastName'], 100);
    expect(settled.records.map((r) => r.fields['LastName'])).toEqual(['Fresh']);
    expect(Date.parse(settled.next.since)).toBeGreaterThan(START);
    const quiet = await connector.readChanges('Lead', settled.next, ['LastName'], 100);
    expect(quiet.records).toEqual([]);
  });

  it('includes deleted and merged records, flagged IsDeleted', async () => {
    const [keep, lose] = sim().seed('Lead', [
      { LastName: 'Keep', Company: 'A' },
      { LastName: 'Lose', Company: 'A' },
    ]);
    now += 1000;
    sim().merge(keep ?? '', [lose ?? '']);
    now += 5 * 60_000;
    const { records } = await drain({ since: new Date(START - 1000).toISOString(), afterId: null }, 100);
    expect(records.find((r) => r.id === lose)?.fields).toMatchObject({ IsDeleted: true });
  });
});
