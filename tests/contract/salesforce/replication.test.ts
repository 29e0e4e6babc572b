import { rejection, tokenConnection, useFreshOrg } from './support';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

describe('Salesforce simulator: Get Updated and Get Deleted Records with jsforce', () => {
  let now = T0;
  const { sim, conn } = useFreshOrg({ clock: () => now });
  beforeEach(() => {
    now = T0;
  });

  async function createLead(lastName: string): Promise<string> {
    const result = await conn().sobject('Lead').create({ LastName: lastName, Company: 'Analytical Engines' });
    if (!result.success) throw new Error('create failed');
    return result.id;
  }

  it('lists ids created or changed in the timespan, to the minute, and not deleted ones', async () => {
    now = T0 + 10_000;
    const early = await createLead('Early');
    now = T0 + 2 * MINUTE + 30_000;
    const later = await createLead('Later');
    const gone = await createLead('Gone');
    now = T0 + 3 * MINUTE;
    await conn().sobject('Lead').destroy(gone);
    now = T0 + 10 * MINUTE;
    const all = await conn()
      .sobject('Lead')
      .updated(new Date(T0), new Date(T0 + 5 * MINUTE));
    expect(new Set(all.ids)).toEqual(new Set([early, later]));
    expect(all.latestDateCovered).toBe('2026-03-02T09:05:00.000+0000');
    // Seconds are ignored: an end of 09:02:59 is 09:02, which leaves out what changed at 09:02:30.
    const first = await conn().sobject('Lead').updated('2026-03-02T09:00:00Z', '2026-03-02T09:02:59Z');
    expect(first.ids).toEqual([early]);
  });

  it('never covers a minute that is not over yet', async () => {
    now = T0 + 90_000;
    await createLead('Now');
    const answer = await conn()
      .sobject('Lead')
      .updated(new Date(T0), new Date(T0 + 60 * MINUTE));
    expect(answer).toEqual({ ids: [], latestDateCovered: '2026-03-02T09:01:00.000+0000' });
  });

  it('lists deleted and merged-away records with their deletion time', async () => {
    const first = await createLead('First');
    const second = await createLead('Second');
    const master = await createLead('Master');
    now = T0 + 4 * MINUTE + 5_000;
    await conn().sobject('Lead').destroy(first);
    sim().merge(master, [second]);
    now = T0 + 6 * MINUTE;
    const answer = await conn()
      .sobject('Lead')
      .deleted(new Date(T0), new Date(T0 + 6 * MINUTE));
    expect(answer.deletedRecords).toEqual(
      expect.arrayContaining([
        { id: first, deletedDate: '2026-03-02T09:04:05.000+0000' },
        { id: second, deletedDate: '2026-03-02T09:04:05.000+0000' },
      ]),
    );
    expect(answer.deletedRecords).toHaveLength(2);
    expect(answer.latestDateCovered).toBe('2026-03-02T09:06:00.000+0000');
    expect(answer.earliestDateAvailable).toBe('2026-02-15T09:06:00.000+0000');
  });

  it('refuses a start before the 15 days the delete log keeps, and forgets older deletions', async () => {
    const old = await createLead('Old');
    await conn().sobject('Lead').destroy(old);
    now = T0 + 16 * 24 * 60 * MINUTE;
    // A session lasts two hours: sixteen days later, a new one.
    const later = tokenConnection(sim());
    const purged = await rejection(later.sobject('Lead').deleted(new Date(T0 - MINUTE), new Date(now)));
    expect(purged.errorCode).toBe('INVALID_REPLICATION_DATE');
    const answer = await later.sobject('Lead').deleted(new Date(now - 15 * 24 * 60 * MINUTE), new Date(now));
    expect(answer.deletedRecords).toEqual([]);
  });

  it('refuses a start after the end, or more than 30 days back, with INVALID_REPLICATION_DATE', async () => {
    const backwards = await rejection(
      conn()
        .sobject('Lead')
        .updated(new Date(T0), new Date(T0 - MINUTE)),
    );
    expect(backwards.errorCode).toBe('INVALID_REPLICATION_DATE');
    const sameMinute = await rejection(
      conn()
        .sobject('Lead')
        .deleted(new Date(T0), new Date(T0 + 30_000)),
    );
    expect(sameMinute.errorCode).toBe('INVALID_REPLICATION_DATE');
    const tooOld = await rejection(
      conn()
        .sobject('Lead')
        .updated(new Date(T0 - 31 * 24 * 60 * MINUTE), new Date(T0)),
    );
    expect(tooOld.errorCode).toBe('INVALID_REPLICATION_DATE');
  });

  it('describes the objects as replicateable, as clients check before replicating', async () => {
    const lead = await conn().sobject('Lead').describe();
    expect(lead.replicateable).toBe(true);
  });

  it('asks for both ends, and answers 404 for an object the caller cannot see', async () => {
    const missing = await rejection(conn().request('/sobjects/Lead/updated/?start=2026-03-02T09:00:00Z'));
    expect(missing.errorCode).toBe('MISSING_ARGUMENT');
    const unknown = await rejection(
      conn()
        .sobject('Nope__c')
        .updated(new Date(T0 - MINUTE), new Date(T0)),
    );
    expect(unknown.errorCode).toBe('NOT_FOUND');
  });
});
