import { DEFAULT_STATEMENTS } from '../../../src/metrics/diagnostic-bank';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases';
import { seedLedger } from './ledger-fixture';
import { ADMIN_TOKEN, serveScorecard, type Served } from './serve';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const allAnswers = (score: number) => Object.fromEntries(DEFAULT_STATEMENTS.map((s) => [s.id, score]));

describe.each<DatabaseKind>(['pglite', 'postgres'])('the scorecard API on %s', (kind) => {
  let t: TestDatabase;
  let served: Served;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
    await seedLedger(t.db);
    served = await serveScorecard(t.db);
  });
  afterAll(async () => {
    await served.close();
    await t.dispose();
  });

  const get = (path: string, headers: Record<string, string> = bearer) =>
    fetch(`${served.url}${path}`, { headers, redirect: 'manual' });
  const send = (method: string, path: string, body: string, type: string, headers: Record<string, string> = bearer) =>
    fetch(`${served.url}${path}`, { method, body, headers: { ...headers, 'content-type': type }, redirect: 'manual' });

  it('refuses callers without the admin token, and offers people a sign-in page', async () => {
    const none = await get('/scorecard.json', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    expect((await get('/scorecard.json', { authorization: 'Bearer not-the-token' })).status).toBe(401);
    const page = await get('/scorecard', { accept: 'text/html' });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('name="token"');
    expect((await send('POST', '/diagnostic/responses', '{}', 'application/json', {})).status).toBe(401);
  });

  it('serves the period asked for as JSON, with the figures of the ledger', async () => {
    const response = await get('/scorecard.json?period=2026-03');
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      period: { label: string };
      overall: Record<string, unknown>;
      funnel: unknown[];
    };
    expect(data.period.label).toBe('March 2026');
    expect(data.overall.acceptance_rate).toEqual({ numerator: 6, denominator: 10, value: 0.6 });
    expect(data.funnel).toHaveLength(6);
    const bad = await get('/scorecard.json?period=fortnight');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'PAYLOAD_INVALID', message: expect.stringContaining('unknown period "fortnight"') },
    });
  });

  it('serves the monthly pack for last month, as HTML and as Markdown, and answers people with pages', async () => {
    const md = await get('/alignment-pack.md');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toMatch(/^# Alignment pack: March 2026\n/);
    const html = await get('/alignment-pack?period=2026-03');
    expect(await html.text()).toContain('<h2>What got worse</h2>');
    const wrong = await get('/scorecard?period=fortnight', { ...bearer, accept: 'text/html' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('unknown period &quot;fortnight&quot;');
  });

  it('records a questionnaire that answers every statement, and refuses one that does not, saying which', async () => {
    const partial = { respondent: 'Mara', function: 'marketing', level: 'head', answers: { 'lead-definition': 4 } };
    const refused = await send('POST', '/diagnostic/responses', JSON.stringify(partial), 'application/json');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'PAYLOAD_INVALID', message: expect.stringContaining('missing: ideal-customer') },
    });
    const outOfRange = await send(
      'POST',
      '/diagnostic/responses',
      JSON.stringify({ ...partial, answers: allAnswers(7) }),
      'application/json',
    );
    expect(outOfRange.status).toBe(400);
    const accepted = await send(
      'POST',
      '/diagnostic/responses',
      JSON.stringify({ ...partial, answers: allAnswers(3) }),
      'application/json',
    );
    expect(accepted.status).toBe(201);
    const data = (await (await get('/scorecard.json')).json()) as {
      diagnostic: { marketing: number; respondents: { marketing: number } };
    };
    expect(data.diagnostic).toMatchObject({ marketing: 60, respondents: { marketing: 1 } });
  });

  it('lets the statement bank be read and replaced with a bearer token only, and validates it', async () => {
    const read = (await (await get('/diagnostic/statements')).json()) as { statements: unknown[]; edited: boolean };
    expect(read).toMatchObject({ edited: false });
    expect(read.statements).toHaveLength(20);
    const duplicate = { statements: [...DEFAULT_STATEMENTS.slice(0, 5), DEFAULT_STATEMENTS[0]] };
    const refused = await send('PUT', '/diagnostic/statements', JSON.stringify(duplicate), 'application/json');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'PAYLOAD_INVALID', message: expect.stringContaining('statements.5.id') },
    });
    const edited = DEFAULT_STATEMENTS.map((s) =>
      s.id === 'no-blame' ? { ...s, text: 'Nobody here blames the other team when a quarter goes badly.' } : s,
    );
    const saved = await send(
      'PUT',
      '/diagnostic/statements',
      JSON.stringify({ statements: edited }),
      'application/json',
    );
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      edited: true,
      statements: expect.arrayContaining([
        expect.objectContaining({ id: 'no-blame', text: expect.stringMatching(/^Nobody here/) }),
      ]),
    });
  });

  it('signs a person in with the token into a cookie that holds no token, and takes the page form', async () => {
    const wrong = await send('POST', '/scorecard/session', 'token=guess', 'application/x-www-form-urlencoded', {});
    expect(wrong.status).toBe(401);
    const signed = await send(
      'POST',
      '/scorecard/session',
      `token=${ADMIN_TOKEN}`,
      'application/x-www-form-urlencoded',
      {},
    );
    expect(signed.status).toBe(303);
    const cookie = signed.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    const session = { cookie: cookie.split(';')[0]! };
    expect((await get('/scorecard', session)).status).toBe(200);
    expect((await get('/scorecard', { cookie: `${session.cookie.slice(0, -2)}xx` })).status).toBe(401);
    expect((await send('PUT', '/diagnostic/statements', '{}', 'application/json', session)).status).toBe(401);

    const fields = new URLSearchParams({ respondent: 'Sam', function: 'sales', level: 'staff' });
    for (const s of DEFAULT_STATEMENTS) fields.set(`answer.${s.id}`, '5');
    const posted = await send(
      'POST',
      '/diagnostic/responses',
      fields.toString(),
      'application/x-www-form-urlencoded',
      session,
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/scorecard?recorded=1#diagnostic');
    fields.delete('answer.no-blame');
    const incomplete = await send(
      'POST',
      '/diagnostic/responses',
      fields.toString(),
      'application/x-www-form-urlencoded',
      session,
    );
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('missing: no-blame');
  });
});
