import { lifecycleNext } from '../../../connectors/hubspot/simulator/crm-writes';
import { defaultDefinitions } from '../../../connectors/hubspot/simulator/default-properties';
import { checkWrite } from '../../../connectors/hubspot/simulator/property-values';
import { AppLimits, RollingWindow } from '../../../connectors/hubspot/simulator/rate-limits';
import { runSearch, searchRequestSchema } from '../../../connectors/hubspot/simulator/search-engine';
import { HUBSPOT_RETRY_BASE_MS } from '../../../connectors/hubspot/simulator/sim-options';
import { retryDelayMs } from '../../../connectors/hubspot/simulator/webhook-delivery';

const definitions = new Map(defaultDefinitions('contacts', 0).map((d) => [d.name, d]));
const lookup = (name: string) => definitions.get(name);

describe('HubSpot simulator rules', () => {
  it('moves lifecycle stage forward only; clearing it allows any stage', () => {
    expect(lifecycleNext('opportunity', 'lead')).toBe('opportunity');
    expect(lifecycleNext('lead', 'customer')).toBe('customer');
    expect(lifecycleNext('customer', 'other')).toBe('other');
    expect(lifecycleNext('opportunity', null)).toBeNull();
    expect(lifecycleNext(undefined, 'lead')).toBe('lead');
  });

  it('validates writes by type and keeps calculated properties for HubSpot itself', () => {
    const rules = { lookup, ownerIds: new Set(['7']), allowReadOnly: false };
    const { problems, values } = checkWrite(
      { email: 'a@b.co', hubspot_owner_id: '8', hubspotscore: '5', lifecyclestage: 'lead', nope: 1, firstname: '' },
      rules,
    );
    expect(problems.map((p) => [p.name, p.error])).toEqual([
      ['hubspot_owner_id', 'INVALID_OPTION'],
      ['hubspotscore', 'READ_ONLY_VALUE'],
      ['nope', 'PROPERTY_DOESNT_EXIST'],
    ]);
    expect([...values]).toEqual([
      ['email', 'a@b.co'],
      ['lifecyclestage', 'lead'],
      ['firstname', null],
    ]);
    expect(checkWrite({ hubspotscore: '5' }, { ...rules, allowReadOnly: true }).problems).toEqual([]);
  });

  it('spreads ten webhook retries over HubSpot’s 24 hours, each within its randomised bounds', () => {
    const longest = Array.from({ length: 10 }, (_, i) => retryDelayMs(i + 1, HUBSPOT_RETRY_BASE_MS, () => 1)).reduce(
      (a, b) => a + b,
      0,
    );
    const shortest = Array.from({ length: 10 }, (_, i) => retryDelayMs(i + 1, HUBSPOT_RETRY_BASE_MS, () => 0)).reduce(
      (a, b) => a + b,
      0,
    );
    expect(longest).toBeGreaterThan(23.9 * 3_600_000);
    expect(longest).toBeLessThanOrEqual(24 * 3_600_000);
    expect(shortest).toBeGreaterThan(11 * 3_600_000);
    expect(retryDelayMs(3, 100, () => 0.5)).toBe(300);
  });

  it('counts a rolling window and says how long until a slot frees', () => {
    const window = new RollingWindow(2, 1_000);
    expect(window.tryTake(0)).toEqual({ ok: true, remaining: 1 });
    expect(window.tryTake(400)).toEqual({ ok: true, remaining: 0 });
    expect(window.tryTake(900)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(window.tryTake(1_000).ok).toBe(true);
    expect(window.peak).toBe(2);
  });

  it('refuses the daily allocation with DAILY until midnight, and sends the rate-limit headers', () => {
    const limits = new AppLimits({ ratePer10s: 100, windowMs: 10_000, dailyLimit: 1, searchPerSecond: 5 });
    const noon = Date.parse('2025-01-01T12:00:00Z');
    const first = limits.admitCrm(noon);
    expect(first.ok && first.headers).toMatchObject({
      'X-HubSpot-RateLimit-Max': '100',
      'X-HubSpot-RateLimit-Remaining': '99',
      'X-HubSpot-RateLimit-Daily-Remaining': '0',
    });
    const refused = limits.admitCrm(noon + 1);
    expect(!refused.ok && refused.response).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '43200' },
      body: { policyName: 'DAILY' },
    });
    expect(limits.admitCrm(Date.parse('2025-01-02T00:00:01Z')).ok).toBe(true);
  });

  it('searches with OR-ed groups, AND-ed filters and the documented limits', () => {
    const records = [
      {
        id: '1',
        values: new Map([
          ['firstname', 'Ann'],
          ['hubspotscore', '10'],
        ]),
      },
      {
        id: '2',
        values: new Map([
          ['firstname', 'Bob'],
          ['hubspotscore', '80'],
        ]),
      },
    ];
    const request = searchRequestSchema.parse({
      filterGroups: [
        { filters: [{ propertyName: 'hubspotscore', operator: 'GT', value: 50 }] },
        { filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'ANN' }] },
      ],
      sorts: ['-hubspotscore'],
    });
    const found = runSearch(records, request, lookup, ['firstname']);
    expect(found.ok && found.value.results.map((r) => r.id)).toEqual(['2', '1']);
    const tooMany = searchRequestSchema.parse({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })) });
    expect(runSearch(records, tooMany, lookup, []).ok).toBe(false);
    expect(runSearch(records, searchRequestSchema.parse({ sorts: ['firstname', 'lastname'] }), lookup, []).ok).toBe(
      false,
    );
    expect(
      runSearch(
        records,
        searchRequestSchema.parse({
          filterGroups: [{ filters: [{ propertyName: 'ghost', operator: 'HAS_PROPERTY' }] }],
        }),
        lookup,
        [],
      ).ok,
    ).toBe(false);
  });
});
