import type { Client } from '@hubspot/api-client';
import { failureOf, sdk, simulators, useSimulator } from './hubspot-fixtures';

const sim = useSimulator({ searchPerSecond: 1000 });
const extra = simulators();
afterAll(() => extra.closeAll());

type Filter = { propertyName: string; operator: string; value?: string; highValue?: string; values?: string[] };

async function search(client: Client, filters: Filter[], extra: Record<string, unknown> = {}): Promise<string[]> {
  const page = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [{ filters }],
    properties: ['email'],
    limit: 200,
    ...extra,
  } as never);
  return page.results.map((r) => String(r.properties['email']));
}

function seedPeople(): void {
  sim().seed({
    contacts: [
      {
        email: 'ann@acme.test',
        firstname: 'Ann',
        hubspotscore: 10,
        lifecyclestage: 'lead',
        lastmodifieddate: '2024-01-01T00:00:00.000Z',
      },
      {
        email: 'bob@acme.test',
        firstname: 'Bob',
        hubspotscore: 50,
        lifecyclestage: 'marketingqualifiedlead',
        lastmodifieddate: '2024-02-01T00:00:00.000Z',
      },
      { email: 'cy@other.test', firstname: 'Cy', hubspotscore: 90, lastmodifieddate: '2024-03-01T00:00:00.000Z' },
    ],
  });
}

describe('HubSpot simulator: CRM search through @hubspot/api-client', () => {
  it('applies every documented operator', async () => {
    seedPeople();
    const client = sdk(sim());
    const jan = String(Date.parse('2024-01-15T00:00:00Z'));
    expect(await search(client, [{ propertyName: 'firstname', operator: 'EQ', value: 'ann' }])).toEqual([
      'ann@acme.test',
    ]);
    expect(await search(client, [{ propertyName: 'firstname', operator: 'NEQ', value: 'Ann' }])).toEqual([
      'bob@acme.test',
      'cy@other.test',
    ]);
    expect(await search(client, [{ propertyName: 'hubspotscore', operator: 'LT', value: '50' }])).toEqual([
      'ann@acme.test',
    ]);
    expect(await search(client, [{ propertyName: 'hubspotscore', operator: 'LTE', value: '50' }])).toHaveLength(2);
    expect(await search(client, [{ propertyName: 'hubspotscore', operator: 'GT', value: '50' }])).toEqual([
      'cy@other.test',
    ]);
    expect(await search(client, [{ propertyName: 'hubspotscore', operator: 'GTE', value: '50' }])).toHaveLength(2);
    expect(
      await search(client, [{ propertyName: 'hubspotscore', operator: 'BETWEEN', value: '20', highValue: '90' }]),
    ).toEqual(['bob@acme.test', 'cy@other.test']);
    expect(
      await search(client, [{ propertyName: 'lifecyclestage', operator: 'IN', values: ['lead', 'customer'] }]),
    ).toEqual(['ann@acme.test']);
    expect(await search(client, [{ propertyName: 'lifecyclestage', operator: 'NOT_IN', values: ['lead'] }])).toEqual([
      'bob@acme.test',
      'cy@other.test',
    ]);
    expect(await search(client, [{ propertyName: 'lifecyclestage', operator: 'HAS_PROPERTY' }])).toHaveLength(2);
    expect(await search(client, [{ propertyName: 'lifecyclestage', operator: 'NOT_HAS_PROPERTY' }])).toEqual([
      'cy@other.test',
    ]);
    expect(
      await search(client, [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@acme.test' }]),
    ).toHaveLength(2);
    expect(
      await search(client, [{ propertyName: 'email', operator: 'NOT_CONTAINS_TOKEN', value: '*@acme.test' }]),
    ).toEqual(['cy@other.test']);
    expect(await search(client, [{ propertyName: 'lastmodifieddate', operator: 'GT', value: jan }])).toEqual([
      'bob@acme.test',
      'cy@other.test',
    ]);
  });

  it('ORs filter groups, ANDs filters, sorts, and finds by free-text query', async () => {
    seedPeople();
    const client = sdk(sim());
    const page = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'firstname', operator: 'EQ' as never, value: 'Cy' }] },
        { filters: [{ propertyName: 'hubspotscore', operator: 'LT' as never, value: '20' }] },
      ],
      sorts: [{ propertyName: 'hubspotscore', direction: 'DESCENDING' }] as never,
      properties: ['email'],
      limit: 10,
      after: '0',
    });
    expect(page.total).toBe(2);
    expect(page.results.map((r) => r.properties['email'])).toEqual(['cy@other.test', 'ann@acme.test']);
    expect(await search(client, [], { query: 'bo' })).toEqual(['bob@acme.test']);
  });

  it('pages with after, caps a query at 10,000 results and refuses to page past them', async () => {
    sim().seed({ contacts: Array.from({ length: 10_050 }, (_, i) => ({ email: `s${i}@example.com` })) });
    const client = sdk(sim());
    const first = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [],
      properties: ['email'],
      limit: 200,
      after: '0',
    });
    expect(first.total).toBe(10_050);
    expect(first.paging?.next?.after).toBe('200');
    const last = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [],
      properties: ['email'],
      limit: 200,
      after: '9900',
    });
    expect(last.results).toHaveLength(100);
    expect(last.paging?.next).toBeUndefined();
    const beyond = await failureOf(
      client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 10, after: '10000' }),
    );
    expect(beyond.code).toBe(400);
    const tooBig = await failureOf(client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 201 }));
    expect(tooBig.code).toBe(400);
  });

  it('is eventually consistent: a fresh write shows in search only after the index lag', async () => {
    let now = Date.parse('2025-05-01T09:00:00Z');
    const lagging = await extra.start({ searchLagMs: 2_000, searchPerSecond: 1000, clock: () => now });
    const client = sdk(lagging);
    await client.crm.contacts.basicApi.create({ properties: { email: 'fresh@example.com' }, associations: [] });
    now += 1_999;
    expect(await search(client, [{ propertyName: 'email', operator: 'EQ', value: 'fresh@example.com' }])).toEqual([]);
    now += 1;
    expect(await search(client, [{ propertyName: 'email', operator: 'EQ', value: 'fresh@example.com' }])).toEqual([
      'fresh@example.com',
    ]);
  });

  it('shows an update in a lastmodifieddate range search only after the index lag', async () => {
    let now = Date.parse('2025-05-01T09:00:00Z');
    const lagging = await extra.start({ searchLagMs: 2_000, searchPerSecond: 1000, clock: () => now });
    const [id] = lagging.seed({
      contacts: [{ email: 'old@example.com', lastmodifieddate: '2024-01-01T00:00:00Z' }],
    }).contacts;
    const client = sdk(lagging);
    const since = (operator: string) => [{ propertyName: 'lastmodifieddate', operator, value: String(now - 1) }];
    expect(await search(client, since('GT'), { sorts: ['lastmodifieddate'] })).toEqual([]);
    await client.crm.contacts.basicApi.update(id!, { properties: { firstname: 'Olga' } });
    now += 1_999;
    expect(await search(client, since('LT'))).toEqual(['old@example.com']);
    now += 1;
    expect(
      await search(client, [{ propertyName: 'lastmodifieddate', operator: 'GT', value: '1704067200000' }]),
    ).toEqual(['old@example.com']);
    expect(
      await search(client, [{ propertyName: 'lastmodifieddate', operator: 'LTE', value: '1704067200000' }]),
    ).toEqual([]);
  });

  it('rate-limits search per second with the SECONDLY policy and the message the SDK recognises', async () => {
    const slow = await extra.start({ searchPerSecond: 2 });
    const client = sdk(slow);
    const attempts = await Promise.allSettled(
      [1, 2, 3].map(() => client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 1 })),
    );
    const refused = attempts.find((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 429 });
    expect(refused?.reason).toMatchObject({
      body: { policyName: 'SECONDLY', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT' },
    });
    expect(slow.calls().rateLimited.SECONDLY).toBe(1);
  });
});
