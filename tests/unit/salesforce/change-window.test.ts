import {
  changeSoql,
  DELETE_LOG_MS,
  deletionWindow,
  pageOfChanges,
  type ChangeRow,
} from '../../../connectors/salesforce/change-window';

const T = Date.parse('2024-06-03T08:00:00.000Z');
const OVERLAP = 60_000;

function rows(...specs: [number, string][]): ChangeRow<string>[] {
  return specs.map(([offsetS, id]) => ({ id, stamp: T + offsetS * 1000, record: id }));
}

describe('change window', () => {
  it('asks for rows after the cursor by (SystemModstamp, Id), one more than the page, from queryAll fields', () => {
    expect(
      changeSoql({
        object: 'Lead',
        fields: ['Email', 'Id'],
        cursor: { since: '2024-06-03T08:00:00.000Z', afterId: null },
        limit: 200,
        hasIsDeleted: true,
      }),
    ).toBe(
      'SELECT Id, SystemModstamp, IsDeleted, Email FROM Lead WHERE SystemModstamp >= 2024-06-03T08:00:00Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 201',
    );
    expect(
      changeSoql({
        object: 'User',
        fields: [],
        cursor: { since: '2024-06-03T08:00:00.900Z', afterId: "00Q'x" },
        limit: 5000,
        hasIsDeleted: false,
      }),
    ).toBe(
      "SELECT Id, SystemModstamp FROM User WHERE (SystemModstamp > 2024-06-03T08:00:00Z OR (SystemModstamp = 2024-06-03T08:00:00Z AND Id > '00Q\\'x')) ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000",
    );
  });

  it('moves the cursor to the last row of a full page of settled rows and says more are waiting', () => {
    const page = pageOfChanges(
      rows([0, 'a'], [0, 'b'], [0, 'c']),
      { since: new Date(T - 1000).toISOString(), afterId: null },
      2,
      T + 10 * OVERLAP,
      OVERLAP,
    );
    expect(page).toEqual({ records: ['a', 'b'], next: { since: new Date(T).toISOString(), afterId: 'b' }, more: true });
  });

  it('hands out unsettled rows but keeps the cursor before them, so a late commit among them is read next time', () => {
    const now = T + 30_000;
    const page = pageOfChanges(
      rows([-120, 'old'], [10, 'fresh']),
      { since: new Date(T - 600_000).toISOString(), afterId: null },
      10,
      now,
      OVERLAP,
    );
    expect(page.records).toEqual(['old', 'fresh']);
    expect(page.more).toBe(false);
    expect(page.next).toEqual({ since: new Date(now - OVERLAP).toISOString(), afterId: null });
  });

  it('does not report more while the rows past the page are unsettled, and never moves the cursor back', () => {
    const cursor = { since: new Date(T).toISOString(), afterId: 'z' };
    const page = pageOfChanges(rows([1, 'a'], [2, 'b']), cursor, 1, T, OVERLAP);
    expect(page).toEqual({ records: ['a'], next: cursor, more: false });
  });

  it('advances an idle cursor up to the settled point', () => {
    const page = pageOfChanges([], { since: new Date(T - 3_600_000).toISOString(), afterId: 'q' }, 100, T, OVERLAP);
    expect(page).toEqual({
      records: [],
      next: { since: new Date(T - OVERLAP).toISOString(), afterId: null },
      more: false,
    });
  });
});

describe('the Get Deleted window', () => {
  const MINUTE = 60_000;

  it('runs from the stored point to the current minute, both to the minute', () => {
    expect(deletionWindow(T + 10_000, T + 5 * MINUTE + 59_000)).toEqual({
      start: T,
      end: T + 5 * MINUTE,
      clipped: false,
    });
  });

  it('asks nothing until a whole minute has passed', () => {
    expect(deletionWindow(T, T + 59_000)).toBeNull();
    expect(deletionWindow(T + 5 * MINUTE, T + MINUTE)).toBeNull();
  });

  it('starts no earlier than the delete log keeps, with an hour to spare, and says so', () => {
    const now = T + 20 * 24 * 60 * MINUTE;
    const window = deletionWindow(T, now);
    expect(window?.clipped).toBe(true);
    expect(window?.start).toBe(now - DELETE_LOG_MS + 60 * MINUTE);
    expect(window?.end).toBe(now);
  });
});
