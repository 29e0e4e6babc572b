import { DEFAULT_STATEMENTS } from '../../../src/metrics';
import { sessionValue } from '../../../src/http/admin/admin-auth';
import { repositories } from '../../../src/store';
import { ADMIN_TOKEN, handedOffLead, startAdminFixture, type AdminFixture } from './admin-fixture';

interface ErrorBody {
  error: { code: string; message: string };
}

const json = { 'content-type': 'application/json' };

describe('admin API: authentication', () => {
  let f: AdminFixture;
  beforeAll(async () => {
    f = await startAdminFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('answers 401 with the error shape to a caller without the token, or with another one', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer not-the-admin-token-at-all' },
      { authorization: `Basic ${ADMIN_TOKEN}` },
    ]) {
      const response = await fetch(`${f.url}/admin/protocols`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(((await response.json()) as ErrorBody).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('serves Bull Board to the bearer and to a browser signed in on the scorecard, never to anyone else', async () => {
    const withBearer = await f.call('/admin/queues');
    expect(withBearer.status).toBe(200);
    expect(await withBearer.text()).toContain('/admin/queues');
    const queuesApi = (await (await f.call('/admin/queues/api/queues')).json()) as { queues: { name: string }[] };
    expect(queuesApi.queues.map((q) => q.name).sort()).toEqual(['inbound', 'maintenance', 'timers']);
    const cookie = `leadpact_scorecard=${sessionValue(ADMIN_TOKEN, Date.now())}`;
    expect((await fetch(`${f.url}/admin/queues`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${f.url}/admin/leads`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${f.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${f.url}/admin/queues/api/queues`)).status).toBe(401);
  });

  it('stays closed, saying how to open it, when no ADMIN_TOKEN is set', async () => {
    const closed = await startAdminFixture({ withoutToken: true });
    try {
      const response = await closed.call('/admin/leads');
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorBody).error.message).toContain('set ADMIN_TOKEN');
    } finally {
      await closed.close();
    }
  });
});

describe('admin API: dead letters, protocol versions, diagnostic, metrics', () => {
  let f: AdminFixture;
  beforeAll(async () => {
    f = await startAdminFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('lists dead letters with their reason and replays each once: a write to the outbox, a job to its queue', async () => {
    const leadId = await handedOffLead(f.apply, 7);
    const lead = await repositories(f.db).leads.findById(leadId);
    const deadLetters = repositories(f.db).deadLetters;
    await deadLetters.add({
      source: 'outbox',
      leadId,
      crm: 'hubspot',
      kind: 'update',
      errorCode: 'CRM_REJECTED',
      error: 'Property values were not valid for jane@acme.io',
      attempts: 1,
      payload: {
        type: 'hubspot.update',
        leadId,
        contactId: lead?.hubspotContactId,
        properties: { leadpact_stage: 'handed_off' },
      },
    });
    await deadLetters.add({
      source: 'queue:inbound',
      leadId: null,
      crm: null,
      kind: 'hubspot',
      errorCode: 'INTERNAL',
      error: 'boom',
      attempts: 8,
      payload: { jobId: 'hs.batch-1', data: { source: 'hubspot', notices: [] } },
    });
    const listed = (await (await f.call('/admin/dead-letters')).json()) as {
      deadLetters: { id: string; source: string; error: string }[];
    };
    expect(listed.deadLetters.map((d) => d.source)).toEqual(['outbox', 'queue:inbound']);
    expect(listed.deadLetters[0]?.error).toBe('Property values were not valid for [email]');
    const detail = (await (await f.call(`/admin/dead-letters/${listed.deadLetters[0]?.id ?? ''}`)).json()) as {
      deadLetter: { payload: { type: string } };
    };
    expect(detail.deadLetter.payload.type).toBe('hubspot.update');

    const pendingBefore = await repositories(f.db).outbox.pending('hubspot');
    const replay = await f.call('/admin/dead-letters/replay', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ all: true }),
    });
    expect(await replay.json()).toMatchObject({
      replayed: 2,
      outcomes: [
        { result: 'replayed', to: 'outbox:hubspot' },
        { result: 'replayed', to: 'queue:inbound' },
      ],
    });
    expect(await repositories(f.db).outbox.pending('hubspot')).toBe(pendingBefore + 1);
    const jobs = await f.queues.inbound.getJobs(['waiting']);
    expect(jobs.map((job) => job.id)).toEqual([`hs.batch-1.replay-${listed.deadLetters[1]?.id ?? ''}`]);

    const twice = await f.call('/admin/dead-letters/replay', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ids: listed.deadLetters.map((d) => d.id) }),
    });
    expect(await twice.json()).toMatchObject({
      replayed: 0,
      outcomes: [{ result: 'already_replayed' }, { result: 'already_replayed' }],
    });
    expect(((await (await f.call('/admin/dead-letters')).json()) as { deadLetters: unknown[] }).deadLetters).toEqual(
      [],
    );
    expect(
      (await f.call('/admin/dead-letters/replay', { method: 'POST', headers: json, body: JSON.stringify({ ids: [] }) }))
        .status,
    ).toBe(400);
  });

  it('lists the protocol versions that went live, the newest active, each with its text', async () => {
    const list = (await (await f.call('/admin/protocols')).json()) as {
      versions: { version: string; active: boolean; marketingOwner: string }[];
    };
    expect(list.versions).toEqual([
      expect.objectContaining({ version: '2026.1', active: true, marketingOwner: 'Dana Whitfield' }),
    ]);
    const one = (await (await f.call('/admin/protocols/2026.1')).json()) as { content: string };
    expect(one.content).toContain('version: "2026.1"');
    expect((await f.call('/admin/protocols/1999.9')).status).toBe(404);
  });

  it('records diagnostic answers and shows the scores per function', async () => {
    const answers = Object.fromEntries(DEFAULT_STATEMENTS.map((s, i) => [s.id, (i % 5) + 1]));
    const saved = await f.call('/admin/diagnostic/responses', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ respondent: 'Marcus', function: 'sales', level: 'head', answers }),
    });
    expect(saved.status).toBe(201);
    const missing = await f.call('/admin/diagnostic/responses', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        respondent: 'Dana',
        function: 'marketing',
        level: 'head',
        answers: { 'lead-definition': 3 },
      }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error.message).toContain('every statement needs an answer');
    const diagnostic = (await (await f.call('/admin/diagnostic')).json()) as {
      responses: { respondent: string }[];
      statements: unknown[];
      summary: unknown;
    };
    expect(diagnostic.responses.map((r) => r.respondent)).toEqual(['Marcus']);
    expect(diagnostic.statements).toHaveLength(DEFAULT_STATEMENTS.length);
    expect(diagnostic.summary).toBeDefined();
  });

  it('gives the scorecard numbers for a period, and says what is wrong with an unknown one', async () => {
    const metrics = (await (await f.call('/admin/metrics?period=30d')).json()) as {
      overall: { mqls: { value: number | null } };
      period: { spec: string };
    };
    expect(metrics.period.spec).toBe('30d');
    expect(metrics.overall.mqls.value).toBeGreaterThanOrEqual(1);
    const bad = await f.call('/admin/metrics?period=fortnight');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.message).toContain('unknown period');
  });
});
