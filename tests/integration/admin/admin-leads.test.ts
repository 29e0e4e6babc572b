import type { LeadId } from '../../../src/shared/ids';
import { contactLead, handedOffLead, startAdminFixture, type AdminFixture } from './admin-fixture';

interface Body {
  [key: string]: unknown;
  error?: { code: string; message: string };
}

const post = (f: AdminFixture, path: string, body: unknown, headers: Record<string, string> = {}) =>
  f.call(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

/** leadpact_protocol_events_total{name} on the registry the service's /metrics serves. */
async function protocolEvents(f: AdminFixture, name: string): Promise<number> {
  const { values } = await f.metrics.protocolEvents.get();
  return values.filter((v) => v.labels.name === name).reduce((sum, v) => sum + v.value, 0);
}

describe('admin API: leads, their timelines and manual actions', () => {
  let f: AdminFixture;
  let handedOff: LeadId;
  let nurturing: LeadId;
  beforeAll(async () => {
    f = await startAdminFixture();
    handedOff = await handedOffLead(f.apply, 1);
    nurturing = (await contactLead(f.apply, 2, false)).id;
    for (let n = 3; n <= 6; n++) await contactLead(f.apply, n, false);
  });
  afterAll(async () => {
    await f.close();
  });

  it('pages through the ledger in id order and finds a lead by e-mail or CRM id', async () => {
    const first = (await (await f.call('/admin/leads?limit=4')).json()) as {
      leads: { id: string }[];
      next: string | null;
    };
    expect(first.leads).toHaveLength(4);
    expect(first.next).toBe(first.leads[3]?.id);
    const rest = (await (await f.call(`/admin/leads?limit=4&after=${first.next ?? ''}`)).json()) as {
      leads: { id: string }[];
      next: string | null;
    };
    expect(rest.leads).toHaveLength(2);
    expect(rest.next).toBeNull();
    expect(new Set([...first.leads, ...rest.leads].map((l) => l.id)).size).toBe(6);

    const byEmail = (await (await f.call('/admin/leads?email=BUYER2@acme-2.io')).json()) as {
      leads: { id: string; stage: string }[];
    };
    expect(byEmail.leads).toEqual([expect.objectContaining({ id: nurturing, stage: 'nurturing' })]);
    const bySalesforce = (await (await f.call('/admin/leads?salesforceId=00Q000000000001AAA')).json()) as {
      leads: { id: string }[];
    };
    expect(bySalesforce.leads.map((l) => l.id)).toEqual([handedOff]);
  });

  it('shows one lead with its engine state, instants in ISO 8601', async () => {
    const response = await f.call(`/admin/leads/${handedOff}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      lead: Record<string, unknown>;
      state: { stage: string; qualification: unknown };
    };
    expect(body.lead).toMatchObject({
      id: handedOff,
      stage: 'handed_off',
      salesforceId: '00Q000000000001AAA',
      territory: 'emea',
      campaign: 'spring-webinar',
    });
    expect(String(body.lead.handedOffAt)).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(body.state.stage).toBe('handed_off');
    expect(body.state.qualification).not.toBeNull();
  });

  it('answers 404 for an unknown lead and 400 naming the field for a malformed id or query', async () => {
    const missing = await f.call('/admin/leads/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Body).error?.code).toBe('NOT_FOUND');
    const malformed = await f.call('/admin/leads/not-a-uuid/timeline');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as Body).error).toMatchObject({
      code: 'PAYLOAD_INVALID',
      message: expect.stringContaining('id'),
    });
    const badQuery = await f.call('/admin/leads?limit=9999&colour=red');
    expect(badQuery.status).toBe(400);
    expect(((await badQuery.json()) as Body).error?.message).toMatch(/limit.*colour|colour.*limit/s);
  });

  it('tells why a lead is where it is: its timeline, oldest first', async () => {
    const body = (await (await f.call(`/admin/leads/${handedOff}/timeline`)).json()) as {
      timeline: { kind: string; from: string | null; to: string | null }[];
    };
    const transitions = body.timeline
      .filter((e) => e.kind === 'transition')
      .map((e) => `${e.from ?? ''}->${e.to ?? ''}`);
    expect(transitions).toEqual(expect.arrayContaining(['mql->handed_off']));
    expect(body.timeline.some((e) => e.kind === 'handoff_completed')).toBe(true);
  });

  it("accepts on Sales' behalf once, however often the same request is retried", async () => {
    const transitionsBefore = await protocolEvents(f, 'lead.transition');
    const first = await post(
      f,
      `/admin/leads/${handedOff}/actions`,
      { action: 'accept', actor: 'ops@corvid' },
      { 'idempotency-key': 'accept-1' },
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      applied: true,
      stage: { before: 'handed_off', after: 'accepted' },
      lead: { acceptedAt: expect.any(String) },
    });
    const again = await post(
      f,
      `/admin/leads/${handedOff}/actions`,
      { action: 'accept', actor: 'ops@corvid' },
      { 'idempotency-key': 'accept-1' },
    );
    expect(await again.json()).toMatchObject({ applied: false, stage: { before: 'accepted', after: 'accepted' } });
    // A manual action decides through the same engine as a webhook, so /metrics counts it (once).
    expect((await protocolEvents(f, 'lead.transition')) - transitionsBefore).toBe(1);
  });

  it('refuses what the protocol does not allow, with the reason, and records the refusal', async () => {
    const refused = await post(f, `/admin/leads/${nurturing}/actions`, { action: 'accept', actor: 'ops@corvid' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Body).error?.code).toBe('TRANSITION_REFUSED');
    const timeline = (await (await f.call(`/admin/leads/${nurturing}/timeline`)).json()) as {
      timeline: { kind: string }[];
    };
    expect(timeline.timeline.some((e) => e.kind === 'refused')).toBe(true);
  });

  it('requires an agreed rejection code and validates every action body', async () => {
    const unknown = await post(f, `/admin/leads/${nurturing}/actions`, {
      action: 'reject',
      actor: 'ops',
      code: 'TOO_EXPENSIVE',
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Body).error?.message).toContain('NOT_ICP');
    const noActor = await post(f, `/admin/leads/${nurturing}/actions`, { action: 'disqualify' });
    expect(noActor.status).toBe(400);
    const notJson = await f.call(`/admin/leads/${nurturing}/actions`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(((await notJson.json()) as Body).error?.code).toBe('PAYLOAD_MALFORMED');
  });

  it('disqualifies a lead with a note, which Marketing then reads as the sales feedback', async () => {
    const response = await post(f, `/admin/leads/${nurturing}/actions`, {
      action: 'disqualify',
      actor: 'ops',
      note: 'student, not a buyer',
    });
    expect(await response.json()).toMatchObject({
      applied: true,
      stage: { before: 'nurturing', after: 'disqualified' },
    });
    const detail = (await (await f.call(`/admin/leads/${nurturing}`)).json()) as { state: { salesFeedback: string } };
    expect(detail.state.salesFeedback).toContain('student, not a buyer');
  });
});
