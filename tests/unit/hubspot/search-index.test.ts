import { runSearch, searchRequestSchema } from '../../../connectors/hubspot/simulator/search-engine';
import { resolveOptions } from '../../../connectors/hubspot/simulator/sim-options';
import { SimulatorCore } from '../../../connectors/hubspot/simulator/simulator-core';

/** Contacts with ties, gaps, missing and non-numeric values, so every edge of a range is exercised. */
function seeded(): SimulatorCore {
  const core = new SimulatorCore(resolveOptions({ clock: () => Date.parse('2025-06-01T00:00:00Z') }));
  const from = Date.parse('2024-01-01T00:00:00Z');
  core.seed({
    contacts: Array.from({ length: 60 }, (_, i) => ({
      email: `p${i}@example.com`,
      firstname: i % 2 === 0 ? 'Ann' : 'Bob',
      ...(i % 7 === 0 ? {} : { hubspotscore: String((i * 13) % 17) }),
      // Every third contact shares its instant with the next one; some are given as epoch ms.
      lastmodifieddate:
        i % 5 === 0
          ? String(from + Math.floor(i / 3) * 1_000)
          : new Date(from + Math.floor(i / 3) * 1_000).toISOString(),
    })),
  });
  return core;
}

const instant = (k: number): string => String(Date.parse('2024-01-01T00:00:00Z') + k * 1_000);
const OPERAND_CASES: readonly { operator: string; value?: string; highValue?: string }[] = [
  { operator: 'EQ', value: '4' },
  { operator: 'GT', value: '4' },
  { operator: 'GTE', value: '4' },
  { operator: 'LT', value: '4' },
  { operator: 'LTE', value: '16' },
  { operator: 'BETWEEN', value: '3', highValue: '9' },
  { operator: 'BETWEEN', value: '9', highValue: '3' },
  { operator: 'GT', value: 'not a number' },
];

describe('HubSpot simulator search index', () => {
  it('answers range filters from sorted views exactly as a full scan does', () => {
    const core = seeded();
    const lookup = (name: string) => core.ctx.registry.get('contacts', name);
    const index = core.ctx.searchIndex.of('contacts', core.ctx.clock());
    const requests = [
      ...OPERAND_CASES.flatMap((operand) =>
        [undefined, 'hubspotscore', '-hubspotscore', 'lastmodifieddate', 'hs_object_id'].map((sort) => ({
          filterGroups: [{ filters: [{ propertyName: 'hubspotscore', ...operand }] }],
          sorts: sort === undefined ? [] : [sort],
          limit: 7,
          after: '3',
        })),
      ),
      // What the backfill asks: a moving window on lastmodifieddate, then the ties of one instant by id.
      {
        filterGroups: [
          {
            filters: [
              { propertyName: 'lastmodifieddate', operator: 'GT', value: instant(4) },
              { propertyName: 'lastmodifieddate', operator: 'LTE', value: instant(15) },
            ],
          },
        ],
        sorts: ['lastmodifieddate'],
        limit: 10,
      },
      {
        filterGroups: [
          {
            filters: [
              { propertyName: 'lastmodifieddate', operator: 'EQ', value: instant(6) },
              { propertyName: 'hs_object_id', operator: 'GT', value: '1010' },
              { propertyName: 'firstname', operator: 'EQ', value: 'ann' },
            ],
          },
        ],
        sorts: ['hs_object_id'],
        limit: 10,
      },
      { filterGroups: [{ filters: [{ propertyName: 'hubspotscore', operator: 'GTE', value: '5' }] }], query: 'bob' },
      {
        filterGroups: [
          { filters: [{ propertyName: 'hubspotscore', operator: 'LT', value: '2' }] },
          { filters: [{ propertyName: 'hubspotscore', operator: 'GT', value: '15' }] },
        ],
        sorts: ['-lastmodifieddate'],
      },
    ];
    for (const body of requests) {
      const request = searchRequestSchema.parse(body);
      const indexed = runSearch(index.records, request, lookup, ['firstname'], index);
      const scanned = runSearch(index.records, request, lookup, ['firstname']);
      const summary = (page: typeof indexed) =>
        page.ok ? { ...page.value, results: page.value.results.map((r) => r.id) } : page.error;
      expect({ body, page: summary(indexed) }).toEqual({ body, page: summary(scanned) });
    }
  });

  it('is rebuilt when a write reaches the store, not before', () => {
    const core = seeded();
    const now = core.ctx.clock();
    const before = core.ctx.searchIndex.of('contacts', now);
    expect(core.ctx.searchIndex.of('contacts', now)).toBe(before);
    core.seed({ contacts: [{ email: 'late@example.com' }] });
    const after = core.ctx.searchIndex.of('contacts', now);
    expect(after).not.toBe(before);
    expect(after.records.length).toBe(before.records.length + 1);
  });
});
