import { readChangesSince, type ChangeQuery } from '../../../connectors/hubspot/change-reader';
import type { SearchPage, SimpleObject } from '../../../connectors/hubspot/hubspot-responses.schema';
import { hubSpotContactId } from '../../../src/shared/ids';

interface Row {
  readonly id: number;
  readonly at: number;
}

/**
 * A search that behaves as HubSpot documents: filters, one sort, a total, no more than `limit`
 * results, and records sharing a sort value in no particular order (here: shuffled every call).
 */
function fakeSearch(rows: readonly Row[], log: ChangeQuery[] = []) {
  let seed = 7;
  const shuffle = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31 - 0.5;
  return async (query: ChangeQuery): Promise<SearchPage> => {
    log.push(query);
    const value = (row: Row, name: string): number => (name === 'hs_object_id' ? row.id : row.at);
    const matching = rows.filter((row) =>
      query.filters.every((f) => {
        const v = value(row, f.propertyName);
        const x = Number(f.value);
        return f.operator === 'EQ' ? v === x : f.operator === 'GT' ? v > x : f.operator === 'GTE' ? v >= x : v <= x;
      }),
    );
    const sorted = [...matching].sort(() => shuffle()).sort((a, b) => value(a, query.sortBy) - value(b, query.sortBy));
    return { total: matching.length, results: sorted.slice(0, query.limit).map(record) };
  };
}

function record(row: Row): SimpleObject {
  const stamp = new Date(row.at).toISOString();
  return {
    id: hubSpotContactId(row.id),
    properties: { lastmodifieddate: stamp, hs_object_id: String(row.id) },
    createdAt: stamp,
    updatedAt: stamp,
    archived: false,
  };
}

async function readAll(rows: readonly Row[], limit: number, log: ChangeQuery[] = []): Promise<string[]> {
  const search = fakeSearch(rows, log);
  let cursor = { since: new Date(0).toISOString(), afterId: null as string | null };
  const seen: string[] = [];
  for (let calls = 0; calls < 1_000; calls++) {
    const page = await readChangesSince(search, cursor, limit, undefined);
    seen.push(...page.records.map((r) => r.id));
    cursor = page.next;
    if (!page.more) return seen;
  }
  throw new Error('did not finish');
}

describe('readChangesSince (moving window over search)', () => {
  it('reads every record once even when ties come back in a different order on every call', async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({
      id: 1_000 + i,
      at: 1_000 * Math.floor(i / 37) + (i % 3 === 0 ? 0 : 500),
    }));
    const seen = await readAll(rows, 150);
    expect(seen).toHaveLength(1_000);
    expect(new Set(seen).size).toBe(1_000);
  });

  it('gets through a run of ties longer than a page, in id order', async () => {
    const rows = Array.from({ length: 700 }, (_, i) => ({ id: 5_000 - i, at: 42_000 }));
    const seen = await readAll(rows, 200);
    expect(seen).toEqual(rows.map((r) => String(r.id)).sort((a, b) => Number(a) - Number(b)));
  });

  it('never pages with `after`, so the 10,000-result cap of search cannot bite', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ id: 10_000 + i, at: 1_000 * i }));
    const log: ChangeQuery[] = [];
    const seen = await readAll(rows, 5_000, log);
    expect(new Set(seen).size).toBe(12_000);
    expect(log.every((q) => q.limit <= 200)).toBe(true);
  });

  it('resumes from a stored cursor without reading a record twice', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: 100 + i, at: 1_000 * Math.floor(i / 10) }));
    const search = fakeSearch(rows);
    const first = await readChangesSince(search, { since: new Date(0).toISOString(), afterId: null }, 15, undefined);
    const second = await readChangesSince(search, first.next, 100, undefined);
    expect([...first.records, ...second.records].map((r) => r.id).sort()).toEqual(rows.map((r) => String(r.id)));
    expect(second.more).toBe(false);
  });
});
