import { alignmentPackData } from '../../../src/app/scorecard-data';
import { reportThresholds } from '../../../src/app/report';
import { renderAlignmentPack } from '../../../src/metrics/render-pack';
import { ADMIN_TOKEN, startAdminFixture, type AdminFixture } from '../admin/admin-fixture';

const DAY_MS = 86_400_000;
const day = (instant: number): string => new Date(instant).toISOString().slice(0, 10);

describe('joint meetings, entered through the admin API and the scorecard page', () => {
  let fixture: AdminFixture;
  const now = Date.now();

  beforeAll(async () => {
    fixture = await startAdminFixture({ everyRouter: true });
  });
  afterAll(async () => {
    await fixture.close();
  });

  const post = (path: string, body: unknown) =>
    fixture.call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('records a meeting with its attendees, decisions and actions, and refuses one without Sales', async () => {
    const saved = await post('/admin/meetings', {
      heldOn: day(now - 40 * DAY_MS),
      attendees: { marketing: ['Mara'], sales: ['Sam'] },
      decisions: ['Webinar leads go to the SDR pool'],
      actions: [
        { text: 'Write the webinar routing rule', owner: 'Mara', dueOn: day(now - 25 * DAY_MS) },
        { text: 'Call back the sleeping leads', owner: 'Sam', dueOn: day(now - 35 * DAY_MS) },
        { text: 'Retire the old nurture list', owner: 'Mara', dueOn: day(now - 33 * DAY_MS) },
      ],
    });
    expect(saved.status).toBe(201);
    const meeting = (await saved.json()) as { id: number; actions: { id: number; status: string }[] };
    expect(meeting.actions.map((a) => a.status)).toEqual(['open', 'open', 'open']);
    const [first, , third] = meeting.actions;
    expect(
      (await post(`/admin/meetings/actions/${first?.id}`, { status: 'done', on: day(now - 26 * DAY_MS) })).status,
    ).toBe(200);
    expect((await post(`/admin/meetings/actions/${third?.id}`, { status: 'dropped' })).status).toBe(200);
    expect((await post('/admin/meetings/actions/9999', { status: 'done' })).status).toBe(404);

    const refused = await post('/admin/meetings', { heldOn: day(now), attendees: { marketing: ['Mara'], sales: [] } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'PAYLOAD_INVALID', message: 'attendees.sales: a joint meeting needs someone from Sales' },
    });
  });

  it('takes a meeting from the signed-in scorecard page, not from a browser without the session', async () => {
    const signIn = await fetch(`${fixture.url}/scorecard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: ADMIN_TOKEN }),
      redirect: 'manual',
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const form = new URLSearchParams({
      heldOn: day(now - 2 * DAY_MS),
      marketing: 'Mara, Lee',
      sales: 'Sam',
      decisions: 'Raise the fit threshold to 60',
      actions: `Draft the new fit rule | Lee | ${day(now + 10 * DAY_MS)}`,
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const anonymous = await fetch(`${fixture.url}/meetings`, {
      method: 'POST',
      headers,
      body: form,
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(401);
    const recorded = await fetch(`${fixture.url}/meetings`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: form,
      redirect: 'manual',
    });
    expect([recorded.status, recorded.headers.get('location')]).toEqual([303, '/scorecard#meetings']);
    const page = await (await fetch(`${fixture.url}/scorecard`, { headers: { cookie } })).text();
    expect(page).toContain(
      `Last held <b data-meeting="last">${day(now - 2 * DAY_MS)}</b> with Mara, Lee (Marketing) and Sam (Sales).`,
    );
  });

  it('follows each action up in the next pack: done, late, dropped', async () => {
    const pack = await alignmentPackData(
      fixture.db,
      { period: '30d', thresholds: reportThresholds(fixture.protocol) },
      now,
    );
    if (!pack.ok) throw new Error(pack.error);
    const md = renderAlignmentPack(pack.value.current, pack.value.previous, 'markdown');
    expect(md).toContain('Joint meetings in the period: 1 held of 1 agreed (monthly).');
    expect(md).toMatch(/\| Write the webinar routing rule \| Mara \| [0-9-]{10} \| [0-9-]{10} \| done \|/);
    expect(md).toMatch(/\| Call back the sleeping leads \| Sam \| [0-9-]{10} \| [0-9-]{10} \| late \|/);
    expect(md).toMatch(/\| Retire the old nurture list \| Mara \| [0-9-]{10} \| [0-9-]{10} \| dropped \|/);
    expect(md).toContain('- Late: “Call back the sleeping leads” (Sam, due');
  });
});
