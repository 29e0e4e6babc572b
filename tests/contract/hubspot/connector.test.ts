import {
  createHubSpotConnector,
  type HubSpotConnector,
  type HubSpotConnectorOptions,
} from '../../../connectors/hubspot/hubspot-connector';
import type { HubSpotSimulator } from '../../../connectors/hubspot/simulator';
import { defaultWebhookSubscriptions } from '../../../connectors/hubspot/provision-properties';
import { DEFAULT_HUBSPOT_PROVISION } from '../../../src/app/provision-specs';
import { CrmError } from '../../../src/shared/errors';
import { hubSpotContactId, type HubSpotContactId } from '../../../src/shared/ids';
import { simulators, useSimulator } from './hubspot-fixtures';

const sim = useSimulator({ searchPerSecond: 1000 });
const extra = simulators();
const open: HubSpotConnector[] = [];
afterEach(() => open.splice(0).forEach((connector) => connector.close()));
afterAll(() => extra.closeAll());

function connect(target: HubSpotSimulator = sim(), options: Partial<HubSpotConnectorOptions> = {}): HubSpotConnector {
  const connector = createHubSpotConnector({
    accessToken: target.credentials.accessToken,
    baseUrl: target.url,
    developerApiKey: target.credentials.developerApiKey,
    searchPerSecond: 1000,
    searchSettleMs: 0,
    ...options,
  });
  open.push(connector);
  return connector;
}

const ids = (values: readonly string[]): HubSpotContactId[] => values.map((value) => hubSpotContactId(value));

describe('HubSpot connector: batch writes and reads', () => {
  it('updates in batch with one outcome per input, in order, including per-input refusals', async () => {
    const [a, b] = ids(sim().seed({ contacts: [{ email: 'a@x.test' }, { email: 'b@x.test' }] }).contacts);
    const outcomes = await connect().updateContacts([
      { id: a!, properties: { jobtitle: 'CEO' } },
      { id: hubSpotContactId('424242'), properties: { jobtitle: 'Ghost' } },
      { id: b!, properties: { leadpact_stage: 'mql' } },
      { id: a!, properties: { firstname: 'Ann' } },
    ]);
    expect(outcomes[0]).toEqual({ ok: true, id: a, created: false });
    expect(outcomes[1]).toMatchObject({ ok: false, code: 'OBJECT_NOT_FOUND', retryable: false });
    expect(outcomes[2]).toMatchObject({
      ok: false,
      code: 'PROPERTY_DOESNT_EXIST',
      fields: ['leadpact_stage'],
      retryable: false,
    });
    expect(outcomes[3]).toEqual({ ok: true, id: a, created: false });
    expect(
      sim()
        .contacts()
        .find((c) => c.id === a)?.properties,
    ).toMatchObject({ jobtitle: 'CEO', firstname: 'Ann' });
  });

  it('follows a merge: an update to a merged-away id lands on the merged record', async () => {
    const [a, b] = ids(sim().seed({ contacts: [{ email: 'a@x.test' }, { email: 'b@x.test' }] }).contacts);
    const merged = sim().user.mergeContacts(a!, b!);
    const [outcome] = await connect().updateContacts([{ id: b!, properties: { jobtitle: 'Merged' } }]);
    expect(outcome).toEqual({ ok: true, id: merged.id, created: false });
    const read = await connect().readContacts([a!, b!], ['jobtitle']);
    expect(read.map((c) => c.id)).toEqual([merged.id]);
  });

  it('reads up to 100 a call; missing and archived contacts are absent', async () => {
    const seeded = ids(
      sim().seed({ contacts: Array.from({ length: 150 }, (_, i) => ({ email: `r${i}@x.test`, firstname: `R${i}` })) })
        .contacts,
    );
    sim().user.archiveContact(seeded[0]!);
    const connector = connect();
    const read = await connector.readContacts([...seeded, hubSpotContactId('424242')], ['firstname']);
    expect(read).toHaveLength(149);
    expect(read[0]?.properties).toMatchObject({ firstname: 'R1', hs_object_id: seeded[1] });
    expect(sim().calls().byRoute['POST /crm/v3/objects/:objectType/batch/read']).toBe(2);
  });

  it('upserts by email, telling created from updated', async () => {
    sim().seed({ contacts: [{ email: 'known@x.test' }] });
    const outcomes = await connect().upsertContactsByEmail([
      { email: 'known@x.test', properties: { firstname: 'Known' } },
      { email: 'fresh@x.test', properties: { firstname: 'Fresh' } },
    ]);
    expect(outcomes.map((o) => o.ok && o.created)).toEqual([false, true]);
  });
});

describe('HubSpot connector: incremental reads', () => {
  async function readAll(connector: HubSpotConnector, limit: number): Promise<string[]> {
    let cursor = { since: '1970-01-01T00:00:00.000Z', afterId: null as string | null };
    const seen: string[] = [];
    for (let guard = 0; guard < 200; guard++) {
      const page = await connector.readChanges(cursor, ['email'], limit);
      seen.push(...page.records.map((r) => r.id));
      cursor = { since: page.next.since, afterId: page.next.afterId };
      if (!page.more) return seen;
    }
    throw new Error('readChanges never finished');
  }

  it('reads every change exactly once, oldest first, even when hundreds share one instant', async () => {
    const instant = (n: number): string => new Date(Date.parse('2024-06-01T00:00:00Z') + n * 1000).toISOString();
    const contacts = Array.from({ length: 900 }, (_, i) => ({
      email: `t${i}@x.test`,
      lastmodifieddate: instant(i < 450 ? 0 : Math.floor(i / 100)),
    }));
    const seeded = sim().seed({ contacts }).contacts;
    const seen = await readAll(connect(), 130);
    expect(seen).toHaveLength(900);
    expect(new Set(seen)).toEqual(new Set(seeded));
  });

  it('never loses records past the 10,000-result cap of search', async () => {
    const contacts = Array.from({ length: 10_500 }, (_, i) => ({
      email: `cap${i}@x.test`,
      lastmodifieddate: new Date(Date.parse('2024-01-01T00:00:00Z') + Math.floor(i / 7) * 1000).toISOString(),
    }));
    sim().seed({ contacts });
    const seen = await readAll(connect(), 2_000);
    expect(new Set(seen).size).toBe(10_500);
    expect(seen).toHaveLength(10_500);
  });

  it('picks up later changes from the stored cursor', async () => {
    sim().seed({ contacts: [{ email: 'old@x.test', lastmodifieddate: '2024-01-01T00:00:00.000Z' }] });
    const connector = connect();
    const first = await connector.readChanges({ since: '1970-01-01T00:00:00.000Z', afterId: null }, ['email'], 100);
    expect(first.records.map((r) => r.properties['email'])).toEqual(['old@x.test']);
    sim().user.createContact({ email: 'new@x.test' });
    const second = await connector.readChanges(first.next, ['email'], 100);
    expect(second.records.map((r) => r.properties['email'])).toEqual(['new@x.test']);
    expect(second.more).toBe(false);
  });
});

describe('HubSpot connector: provisioning', () => {
  it('creates the leadpact group, properties and webhook subscriptions once; a second run changes nothing', async () => {
    const connector = connect();
    const spec = {
      ...DEFAULT_HUBSPOT_PROVISION,
      webhooks: {
        appId: sim().credentials.appId,
        targetUrl: 'http://127.0.0.1:9/webhooks/hubspot',
        subscriptions: defaultWebhookSubscriptions(['lifecyclestage', 'hs_lead_status']),
      },
    };
    const first = await connector.provision(spec);
    expect(first.created).toEqual(
      expect.arrayContaining([
        'group:leadpact',
        'property:leadpact_stage',
        'property:leadpact_sla_status',
        'webhooks:target',
        'subscription:contact.propertyChange:lifecyclestage',
      ]),
    );
    expect(first.updated).toEqual([]);
    const second = await connector.provision(spec);
    expect(second.created).toEqual([]);
    expect(second.updated).toEqual([]);
    expect(second.unchanged).toHaveLength(first.created.length);
    const [id] = ids(sim().seed({ contacts: [{ email: 'p@x.test' }] }).contacts);
    const [outcome] = await connector.updateContacts([
      {
        id: id!,
        properties: {
          leadpact_stage: 'handed_off',
          leadpact_sla_status: 'On Track',
          leadpact_time_to_accept_min: '42',
        },
      },
    ]);
    expect(outcome?.ok).toBe(true);
  });

  it('corrects a property whose definition drifted', async () => {
    const connector = connect();
    await connector.provision(DEFAULT_HUBSPOT_PROVISION);
    const drifted = {
      ...DEFAULT_HUBSPOT_PROVISION,
      properties: DEFAULT_HUBSPOT_PROVISION.properties.map((p) =>
        p.name === 'leadpact_outcome' ? { ...p, label: 'Outcome (renamed)' } : p,
      ),
    };
    const report = await connector.provision(drifted);
    expect(report.updated).toEqual(['property:leadpact_outcome']);
  });
});

describe('HubSpot connector: failures become CrmErrors', () => {
  it('makes a failing call once: a 503 is one request, reported as a retryable CRM_UNAVAILABLE', async () => {
    sim().setFaults({ burst: { count: 2, status: 503 } });
    const [id] = ids(sim().seed({ contacts: [{ email: 'f@x.test' }] }).contacts);
    const before = sim().calls().byRoute['POST /crm/v3/objects/:objectType/batch/read'] ?? 0;
    await expect(connect().readContacts([id!], [])).rejects.toMatchObject({
      code: 'CRM_UNAVAILABLE',
      retryable: true,
      httpStatus: 503,
    });
    expect(sim().calls().byRoute['POST /crm/v3/objects/:objectType/batch/read']).toBe(before + 1);
    expect(sim().calls().faultsInjected).toBe(1);
  });

  it('fails a 429 at once as CRM_RATE_LIMITED and pauses the shared limiter, so the next call gets no 429', async () => {
    sim().setFaults({ rateLimit: { count: 1, policy: 'TEN_SECONDLY_ROLLING', retryAfterMs: 1000 } });
    const connector = connect();
    await expect(connector.readContacts([hubSpotContactId('1')], [])).rejects.toMatchObject({
      code: 'CRM_RATE_LIMITED',
      retryAfterMs: 1000,
    });
    expect(connector.limiter.stats().pauses).toBe(1);
    await expect(connector.readContacts([hubSpotContactId('1')], [])).resolves.toEqual([]);
    expect(connector.limiter.stats().delayed).toBe(1);
    expect(sim().calls()).toMatchObject({ faultsInjected: 1, rateLimited: { TEN_SECONDLY_ROLLING: 0 } });
  });

  it.each([
    ['401', { accessToken: 'pat-na1-wrong' }, undefined, 'CRM_AUTH_FAILED'],
    ['DAILY 429', {}, { rateLimit: { count: 1, policy: 'DAILY' as const } }, 'CRM_DAILY_LIMIT'],
    ['persistent 500', {}, { burst: { count: 5, status: 500 } }, 'CRM_UNAVAILABLE'],
    ['a stalled answer', { timeoutMs: 100 }, { stall: { count: 1, ms: 400 } }, 'CRM_TIMEOUT'],
  ])('%s', async (_name, options, faults, code) => {
    if (faults !== undefined) sim().setFaults(faults);
    const failure = await connect(sim(), options)
      .readContacts([hubSpotContactId('1')], [])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CrmError);
    expect(failure).toMatchObject({ code, crm: 'hubspot' });
  });

  it('reports an unreachable HubSpot as CRM_UNAVAILABLE', async () => {
    const gone = await extra.start();
    const connector = connect(gone);
    await gone.close();
    await expect(connector.readContacts([hubSpotContactId('1')], [])).rejects.toMatchObject({
      code: 'CRM_UNAVAILABLE',
    });
  });

  it('reports usage from the rate-limit headers', async () => {
    const limited = await extra.start({ ratePer10s: 190, dailyLimit: 625_000 });
    const connector = connect(limited);
    await connector.readContacts([hubSpotContactId('1')], []);
    expect(connector.usage()).toEqual({
      calls: 1,
      dailyUsed: 1,
      dailyLimit: 625_000,
      windowRemaining: 189,
      windowLimit: 190,
    });
  });
});
