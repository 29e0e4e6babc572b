import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { CrmError } from '../../../src/shared/errors';
import type { SalesforceId } from '../../../src/shared/ids';
import { connectorFor, grantLeadpactAccess, tokenConnection, useSimulator } from './support';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('Salesforce connector: Get Updated, Get Deleted and reads of deleted records', () => {
  let now = T0;
  const sim = useSimulator({ clock: () => now });
  let connector: SalesforcePort;

  beforeAll(async () => {
    connector = await connectorFor(sim(), 'password');
  });

  beforeEach(() => {
    now = T0;
    sim().reset();
    grantLeadpactAccess(sim());
  });

  function leads(...names: string[]): SalesforceId[] {
    return sim().seed(
      'Lead',
      names.map((LastName) => ({ LastName, Company: 'Replication' })),
    ) as SalesforceId[];
  }

  function calls(route: string): number {
    return sim().calls().byRoute[route] ?? 0;
  }

  it('lists the ids changed in a window, to the minute, in one call, and where the next window starts', async () => {
    now = T0 + 10_000;
    const [early] = leads('Early');
    now = T0 + 2 * MINUTE + 30_000;
    const [later] = leads('Later');
    now = T0 + 10 * MINUTE;
    const before = calls('GET /sobjects/:type/updated');
    const answer = await connector.getUpdated('Lead', T0, T0 + 5 * MINUTE + 40_000);
    expect(new Set(answer.ids)).toEqual(new Set([early, later]));
    expect(answer.latestDateCovered).toBe(T0 + 5 * MINUTE);
    // Seconds are ignored: up to 09:02:59 is up to 09:02, before Later.
    expect((await connector.getUpdated('Lead', T0, T0 + 2 * MINUTE + 59_000)).ids).toEqual([early]);
    expect(calls('GET /sobjects/:type/updated')).toBe(before + 2);
  });

  it('lists deleted and merged-away records with when, and reads them back to tell a merge from a delete', async () => {
    const [gone, merged, master, live] = leads('Gone', 'Merged', 'Master', 'Live');
    now = T0 + 3 * MINUTE + 5_000;
    await tokenConnection(sim()).sobject('Lead').destroy(String(gone));
    sim().merge(String(master), [String(merged)]);
    now = T0 + 6 * MINUTE;
    const answer = await connector.getDeleted('Lead', T0, now);
    expect(answer.records).toEqual(
      expect.arrayContaining([
        { id: gone, deletedAt: T0 + 3 * MINUTE + 5_000 },
        { id: merged, deletedAt: T0 + 3 * MINUTE + 5_000 },
      ]),
    );
    expect(answer.records).toHaveLength(2);
    expect(answer.latestDateCovered).toBe(T0 + 6 * MINUTE);
    expect(answer.earliestDateAvailable).toBe(T0 + 6 * MINUTE - 15 * DAY);

    const read = await connector.readIncludingDeleted('Lead', [gone!, merged!, live!], ['LastName', 'MasterRecordId']);
    const byId = new Map(read.map((record) => [record.id, record.fields]));
    expect(byId.get(gone!)).toMatchObject({ IsDeleted: true, MasterRecordId: null, LastName: 'Gone' });
    expect(byId.get(merged!)).toMatchObject({ IsDeleted: true, MasterRecordId: master });
    expect(byId.get(live!)).toMatchObject({ IsDeleted: false, LastName: 'Live' });
  });

  it('reads many records by id 200 to a query', async () => {
    const ids = sim().seed(
      'Lead',
      Array.from({ length: 450 }, (_, i) => ({ LastName: `L${i}`, Company: 'Many' })),
    ) as SalesforceId[];
    const before = calls('GET /queryAll');
    const read = await connector.readIncludingDeleted('Lead', ids, ['LastName']);
    expect(new Set(read.map((record) => record.id))).toEqual(new Set(ids));
    expect(calls('GET /queryAll')).toBe(before + 3);
  });

  it('fails a window that ends before it starts, or starts before the delete log, with INVALID_REPLICATION_DATE', async () => {
    now = T0 + 20 * DAY;
    const refusal = async (call: Promise<unknown>): Promise<CrmError> => {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof CrmError)) throw new Error(`expected a CrmError, got ${String(error)}`);
      return error;
    };
    const backwards = await refusal(connector.getUpdated('Lead', now, now - MINUTE));
    expect(backwards.vendorCode).toBe('INVALID_REPLICATION_DATE');
    const sameMinute = await refusal(connector.getDeleted('Lead', now, now + 30_000));
    expect(sameMinute.vendorCode).toBe('INVALID_REPLICATION_DATE');
    const purged = await refusal(connector.getDeleted('Lead', now - 16 * DAY, now));
    expect(purged.vendorCode).toBe('INVALID_REPLICATION_DATE');
    expect(purged.message).toMatch(/earliestDateAvailable/);
    const tooOld = await refusal(connector.getUpdated('Lead', now - 31 * DAY, now));
    expect(tooOld.vendorCode).toBe('INVALID_REPLICATION_DATE');
  });
});
