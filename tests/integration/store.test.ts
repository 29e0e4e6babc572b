import { randomUUID } from 'node:crypto';
import { migrate } from '../../src/store/migrate';
import { MIGRATIONS } from '../../src/store/migrations';
import { saveDecisions } from '../../src/store/decision-writer';
import { repositories } from '../../src/store';
import type { LeadRecord } from '../../src/store/lead-record';
import { hubSpotContactId, leadId, salesforceId } from '../../src/shared/ids';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases';

const T0 = Date.parse('2026-03-02T09:00:00Z');

function leadRecord(overrides: Partial<LeadRecord> = {}): Omit<LeadRecord, 'version'> {
  return {
    id: leadId(randomUUID()),
    hubspotContactId: hubSpotContactId('101'),
    salesforceId: null,
    salesforceObject: null,
    email: 'Ada@Example.com',
    stage: 'new',
    protocolVersion: '2026.1',
    fitScore: 40,
    readinessScore: 10,
    ownerId: null,
    territory: 'EMEA',
    team: null,
    campaign: 'Spring webinar',
    source: 'ORGANIC_SEARCH',
    rejectionCode: null,
    rejectionValid: null,
    slaStatus: null,
    slaAcceptDueAt: null,
    slaFirstTouchDueAt: null,
    timeToAcceptMin: null,
    timeToFirstTouchMin: null,
    createdAt: T0,
    mqlAt: null,
    handedOffAt: null,
    acceptedAt: null,
    rejectedAt: null,
    firstTouchAt: null,
    workingAt: null,
    convertedAt: null,
    closedAt: null,
    recycledAt: null,
    disqualifiedAt: null,
    dormantAt: null,
    lastActivityAt: null,
    outcome: null,
    amount: null,
    opportunityId: null,
    recycleCount: 0,
    retired: false,
    nextTimerAt: null,
    state: { stage: 'new', nested: { touches: [1, 2] } },
    ...overrides,
  };
}

/** `count` leads, each with a contact and e-mail of its own. */
async function insertLeads(t: TestDatabase, count: number, name: string): Promise<LeadRecord['id'][]> {
  const ids: LeadRecord['id'][] = [];
  for (let n = 0; n < count; n++) {
    const created = await repositories(t.db).leads.insert(
      leadRecord({ hubspotContactId: hubSpotContactId(`${name.length}${n}`), email: `${name}${n}@example.com` }),
    );
    if (!created.ok) throw new Error('insert failed');
    ids.push(created.value.id);
  }
  return ids;
}

describe.each<DatabaseKind>(['pglite', 'postgres'])('the store on %s', (kind) => {
  let t: TestDatabase;

  beforeEach(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('migrates once: a second run applies nothing', async () => {
    const again = await migrate(t.db);
    expect(again.applied).toEqual([]);
    expect(again.current).toBeGreaterThanOrEqual(1);
  });

  it('stores a lead and finds it by either CRM id and by e-mail, whatever its case', async () => {
    const { leads } = repositories(t.db);
    const inserted = await leads.insert(
      leadRecord({ salesforceId: salesforceId('00Q5g000001AbCdEAK'), amount: 1250.5, mqlAt: T0 + 60_000 }),
    );
    expect(inserted.ok).toBe(true);
    const byHs = await leads.findByHubSpotId(hubSpotContactId('101'));
    expect(byHs).toMatchObject({
      email: 'Ada@Example.com',
      amount: 1250.5,
      mqlAt: T0 + 60_000,
      createdAt: T0,
      version: 1,
    });
    expect(byHs?.state).toEqual({ stage: 'new', nested: { touches: [1, 2] } });
    expect((await leads.findBySalesforceId(salesforceId('00Q5g000001AbCdEAK')))?.id).toBe(byHs?.id);
    expect((await leads.findByEmail('ada@example.COM')).map((l) => l.id)).toEqual([byHs?.id]);
    expect(await leads.findByHubSpotId(hubSpotContactId('999'))).toBeNull();
  });

  it('refuses a second lead with the same HubSpot id, and keeps the first', async () => {
    const { leads } = repositories(t.db);
    await leads.insert(leadRecord());
    const second = await leads.insert(leadRecord({ email: 'other@example.com' }));
    expect(second).toEqual({ ok: false, error: expect.objectContaining({ kind: 'duplicate' }) });
    expect(await leads.count()).toBe(1);
  });

  it('saves only from the version it read: a stale writer gets a conflict and changes nothing', async () => {
    const { leads } = repositories(t.db);
    const created = await leads.insert(leadRecord());
    if (!created.ok) throw new Error('insert failed');
    const first = await leads.update({ ...created.value, stage: 'mql', mqlAt: T0 });
    expect(first.ok && first.value.version).toBe(2);
    const stale = await leads.update({ ...created.value, stage: 'disqualified' });
    expect(stale).toEqual({ ok: false, error: { kind: 'version_conflict', current: 2 } });
    expect((await leads.findById(created.value.id))?.stage).toBe('mql');
  });

  it('finds many leads in one query, by any of their ids, merged-away ones included', async () => {
    const { leads } = repositories(t.db);
    const a = await leads.insert(
      leadRecord({ salesforceId: salesforceId('00Q5g000001AbCdEAK'), opportunityId: '0065g000001AbCdEAK' }),
    );
    const b = await leads.insert(leadRecord({ hubspotContactId: hubSpotContactId('202') }));
    if (!a.ok || !b.ok) throw new Error('insert failed');
    await leads.addAlias('hubspot', '303', b.value.id);
    const found = await leads.findMany([
      { kind: 'hubspot', id: '101' },
      { kind: 'hubspot', id: '303' },
      { kind: 'salesforce', id: '00Q5g000001AbCdEAK' },
      { kind: 'opportunity', id: '0065g000001AbCdEAK' },
      { kind: 'lead', id: b.value.id },
      { kind: 'hubspot', id: '999' },
    ]);
    expect(Object.fromEntries([...found].map(([key, record]) => [key, record.id]))).toEqual({
      'hubspot:101': a.value.id,
      'hubspot:303': b.value.id,
      'salesforce:00Q5g000001AbCdEAK': a.value.id,
      'opportunity:0065g000001AbCdEAK': a.value.id,
      [`lead:${b.value.id}`]: b.value.id,
    });
  });

  it('follows a merged-away id to the surviving lead', async () => {
    const { leads } = repositories(t.db);
    const created = await leads.insert(leadRecord());
    if (!created.ok) throw new Error('insert failed');
    await leads.addAlias('hubspot', '102', created.value.id);
    expect((await leads.findByHubSpotId(hubSpotContactId('102')))?.id).toBe(created.value.id);
  });

  it('keeps the audit trail append-only and records a redelivered step once', async () => {
    const { leads, audit } = repositories(t.db);
    const created = await leads.insert(leadRecord());
    if (!created.ok) throw new Error('insert failed');
    const entry = {
      leadId: created.value.id,
      at: T0,
      kind: 'transition',
      fromStage: 'new',
      toStage: 'nurturing',
      cause: { webhook: 'hubspot', eventId: 7 },
      detail: {},
      protocolVersion: '2026.1',
      dedupeKey: 'evt-7:transition',
    };
    expect(await audit.append([entry, entry])).toBe(1);
    expect(await audit.append([{ ...entry, dedupeKey: null, kind: 'note' }])).toBe(1);
    const trail = await audit.forLead(created.value.id);
    expect(trail.map((e) => [e.kind, e.toStage])).toEqual([
      ['transition', 'nurturing'],
      ['note', 'nurturing'],
    ]);
    await expect(t.db.query('UPDATE lead_events SET kind = $1', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM lead_events')).rejects.toThrow(/append-only/);
    expect((await audit.ofKinds(['transition'], T0, T0 + 1)).length).toBe(1);
  });

  it('keeps sync cursors and protocol versions, refusing a reused version name', async () => {
    const { cursors, protocols } = repositories(t.db);
    expect(await cursors.get('hubspot:contacts')).toBeNull();
    await cursors.set('hubspot:contacts', { since: '2026-01-01T00:00:00Z', afterId: '5' });
    await cursors.set('hubspot:contacts', { since: '2026-01-02T00:00:00Z', afterId: null });
    expect(await cursors.all()).toEqual({ 'hubspot:contacts': { since: '2026-01-02T00:00:00Z', afterId: null } });

    const v1 = { version: '2026.1', content: 'a: 1', marketingOwner: 'Mara', salesOwner: 'Sam' };
    expect((await protocols.record(v1)).ok).toBe(true);
    expect((await protocols.record(v1)).ok).toBe(true);
    expect(await protocols.record({ ...v1, content: 'a: 2' })).toEqual({
      ok: false,
      error: { kind: 'version_reused', version: '2026.1' },
    });
    expect((await protocols.list()).map((p) => p.version)).toEqual(['2026.1']);
  });

  it('queues CRM writes once per dedupe key and leases the most urgent first, each row to one holder', async () => {
    const { leads, outbox } = repositories(t.db);
    const ids: LeadRecord['id'][] = [];
    for (const contact of ['101', '102', '103']) {
      const created = await leads.insert(leadRecord({ hubspotContactId: hubSpotContactId(contact) }));
      if (!created.ok) throw new Error('insert failed');
      ids.push(created.value.id);
    }
    const row = (n: number, kind: string, priority: 0 | 1 | 2, key: string) => ({
      leadId: ids[n]!,
      crm: 'salesforce' as const,
      kind,
      payload: { key },
      priority,
      dedupeKey: key,
    });
    expect(
      await outbox.enqueue([
        row(0, 'update', 1, 'a'),
        row(1, 'handoff', 0, 'b'),
        row(2, 'update', 2, 'c'),
        row(0, 'update', 1, 'a'),
      ]),
    ).toBe(3);
    expect(await outbox.backlog('salesforce', 200)).toEqual({ ready: 3, oldestAt: expect.any(Number) });
    expect((await outbox.backlog('salesforce', 2)).ready).toBe(2);
    const first = await outbox.lease('salesforce', 2, 60_000);
    expect(first.map((r) => [r.kind, r.priority])).toEqual([
      ['handoff', 0],
      ['update', 1],
    ]);
    const second = await outbox.lease('salesforce', 5, 60_000);
    expect(second.map((r) => r.payload)).toEqual([{ key: 'c' }]);
    expect(await outbox.lease('hubspot', 5, 60_000)).toEqual([]);

    await outbox.complete([first[0]!.id]);
    await outbox.release([first[1]!.id], 0);
    const again = await outbox.lease('salesforce', 5, 60_000);
    expect(again.map((r) => [r.payload, r.attempts])).toEqual([[{ key: 'a' }, 0]]);
    await outbox.retry([again[0]!.id], { code: 'CRM_UNAVAILABLE', message: '503' }, 0);
    expect((await outbox.lease('salesforce', 5, 60_000))[0]?.attempts).toBe(1);
    expect(await outbox.pending('salesforce')).toBe(2);
  });

  it('never lets a later write of a lead overtake an earlier one that waits for a retry or is in flight', async () => {
    const { leads, outbox } = repositories(t.db);
    const a = await leads.insert(leadRecord());
    const b = await leads.insert(leadRecord({ hubspotContactId: hubSpotContactId('202') }));
    if (!a.ok || !b.ok) throw new Error('insert failed');
    const row = (leadId: typeof a.value.id, key: string) => ({
      leadId,
      crm: 'hubspot' as const,
      kind: 'update',
      payload: { key },
      priority: 1 as const,
      dedupeKey: key,
    });
    await outbox.enqueue([row(a.value.id, 'a1'), row(b.value.id, 'b1')]);
    const first = await outbox.lease('hubspot', 1, 60_000);
    expect(first.map((r) => r.payload)).toEqual([{ key: 'a1' }]);
    await outbox.enqueue([row(a.value.id, 'a2')]);
    expect((await outbox.lease('hubspot', 10, 60_000)).map((r) => r.payload)).toEqual([{ key: 'b1' }]);
    await outbox.retry([first[0]!.id], { code: 'CRM_UNAVAILABLE', message: '503' }, 60_000);
    expect(await outbox.lease('hubspot', 10, 60_000)).toEqual([]);
  });

  it("gives all of a lead's waiting writes to one holder when several relays lease at once", async () => {
    const { outbox } = repositories(t.db);
    const rows = [];
    for (const [n, id] of (await insertLeads(t, 30, 'lease')).entries())
      for (const step of [1, 2, 3, 4])
        rows.push({
          leadId: id,
          crm: 'salesforce' as const,
          kind: 'update',
          payload: { n, step },
          priority: 1 as const,
          dedupeKey: `${n}-${step}`,
        });
    await outbox.enqueue(rows);
    // Seven leads' worth of candidates (21 rows) ends each lease in the middle of a lead's four writes.
    const holders = await Promise.all(Array.from({ length: 8 }, () => outbox.lease('salesforce', 7, 60_000)));
    const holderOf = new Map<string, Set<number>>();
    holders.forEach((leased, holder) =>
      leased.forEach((row) => holderOf.set(row.leadId, (holderOf.get(row.leadId) ?? new Set()).add(holder))),
    );
    expect([...holderOf.values()].filter((set) => set.size > 1)).toEqual([]);
    const leasedIds = holders.flat().map((row) => row.id);
    expect(new Set(leasedIds).size).toBe(leasedIds.length);
    expect(leasedIds.length).toBeGreaterThan(21);
    expect(Math.max(...holders.map((leased) => new Set(leased.map((row) => row.leadId)).size))).toBeLessThanOrEqual(7);
  });

  it('leases a partial batch only after its window, even when several relays saw a full one', async () => {
    const { outbox } = repositories(t.db);
    const ids = await insertLeads(t, 7, 'due');
    await outbox.enqueue(
      ids.map((leadId, n) => ({
        leadId,
        crm: 'hubspot' as const,
        kind: 'update',
        payload: { key: `due-${n}` },
        priority: 1 as const,
        dedupeKey: `due-${n}`,
      })),
    );
    // Three relays saw a full batch of 5 ready; the first takes it, the two left are not sent as slivers.
    const holders = await Promise.all([1, 2, 3].map(() => outbox.lease('hubspot', 5, 60_000, 60_000)));
    expect(holders.map((leased) => leased.length).sort()).toEqual([0, 0, 5]);
    expect(await outbox.lease('hubspot', 5, 60_000, 60_000)).toEqual([]);
    // Once the oldest waiting row has waited the window, the partial batch goes.
    const partial = await outbox.lease('hubspot', 5, 60_000, 0);
    expect(partial.map((r) => r.payload)).toEqual([{ key: 'due-5' }, { key: 'due-6' }]);
  });

  it('moves failed work to the dead letters with its reason, and replays it once', async () => {
    const { leads, outbox, deadLetters } = repositories(t.db);
    const created = await leads.insert(leadRecord());
    if (!created.ok) throw new Error('insert failed');
    await outbox.enqueue([
      { leadId: created.value.id, crm: 'hubspot', kind: 'update', payload: { p: 1 }, priority: 1, dedupeKey: null },
    ]);
    const leased = await outbox.lease('hubspot', 10, 60_000);
    await outbox.deadLetter(leased, { code: 'CRM_REJECTED', message: 'PROPERTY_DOESNT_EXIST: leadpact_stage' });
    expect(await outbox.pending()).toBe(0);
    const [dead] = await deadLetters.list();
    expect(dead).toMatchObject({
      source: 'outbox',
      crm: 'hubspot',
      kind: 'update',
      payload: { p: 1 },
      errorCode: 'CRM_REJECTED',
      attempts: 1,
      replayedAt: null,
    });
    expect(await deadLetters.markReplayed([dead!.id, 'nonsense'])).toEqual([dead!.id]);
    expect(await deadLetters.markReplayed([dead!.id])).toEqual([]);
    expect(await deadLetters.list()).toEqual([]);
    expect((await deadLetters.list({ all: true })).length).toBe(1);
  });

  it('saves decisions in one statement: each lead with its audit rows, writes and aliases, or nothing of it', async () => {
    const { leads, audit, outbox } = repositories(t.db);
    const a = { ...leadRecord(), version: 1 };
    const b = { ...leadRecord({ hubspotContactId: hubSpotContactId('202'), email: 'b@example.com' }), version: 1 };
    const rows = (record: LeadRecord, key: string) => ({
      record,
      audit: [
        {
          leadId: record.id,
          at: T0,
          kind: 'transition',
          fromStage: 'new',
          toStage: 'mql',
          cause: { eventId: key },
          detail: {},
          protocolVersion: '2026.1',
          dedupeKey: key,
        },
      ],
      outbox: [
        {
          leadId: record.id,
          crm: 'salesforce' as const,
          kind: 'handoff',
          payload: { key },
          priority: 0 as const,
          dedupeKey: key,
        },
      ],
      aliases: [{ crm: 'hubspot', externalId: `alias-${key}` }],
    });
    expect(
      await saveDecisions(t.db, [
        { ...rows(a, 'a1'), isNew: true },
        { ...rows(b, 'b1'), isNew: true },
      ]),
    ).toEqual(new Set([a.id, b.id]));
    // A second insert of a taken id, and an update from a stale version, are refused; the fresh update of b goes in.
    const saved = await saveDecisions(t.db, [
      { ...rows({ ...a, stage: 'nurturing' }, 'a2'), isNew: true },
      { ...rows({ ...b, stage: 'mql' }, 'b2'), isNew: false },
    ]);
    expect(saved).toEqual(new Set([b.id]));
    const stale = await saveDecisions(t.db, [{ ...rows({ ...b, stage: 'disqualified' }, 'b3'), isNew: false }]);
    expect(stale.size).toBe(0);
    expect((await leads.findById(a.id))?.stage).toBe('new');
    expect(await leads.findById(b.id)).toMatchObject({ stage: 'mql', version: 2 });
    expect((await audit.forLead(b.id)).map((e) => e.cause.eventId)).toEqual(['b1', 'b2']);
    expect((await outbox.lease('salesforce', 10, 1_000)).map((r) => r.payload)).toEqual([
      { key: 'a1' },
      { key: 'b1' },
      { key: 'b2' },
    ]);
    expect((await leads.findByHubSpotId('alias-b2' as never))?.id).toBe(b.id);
    expect(await leads.findByHubSpotId('alias-b3' as never)).toBeNull();
  });

  it('rolls a failed transaction back', async () => {
    const before = await repositories(t.db).leads.count();
    await expect(
      t.db.transaction(async (tx) => {
        await repositories(tx).leads.insert(leadRecord());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repositories(t.db).leads.count()).toBe(before);
  });
});

describe('migrations on postgres, started by two processes at once', () => {
  it('apply once, and both processes end up on the current schema', async () => {
    const t = await openTestDatabase('postgres');
    try {
      const other = await t.reopen();
      const [a, b] = await Promise.all([migrate(t.db), migrate(other)]);
      expect([...a.applied, ...b.applied]).toEqual(MIGRATIONS.map((m) => `${m.version}-${m.name}`));
      const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows.rows[0]?.n).toBe(MIGRATIONS.length);
    } finally {
      await t.dispose();
    }
  });
});

describe('a Postgres connection cut inside a transaction', () => {
  it('fails that transaction, not the process, and the next one gets a fresh connection', async () => {
    const t = await openTestDatabase('postgres');
    const admin = await t.reopen();
    try {
      const cut = t.db.transaction(async (tx) => {
        const held = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [held.rows[0]?.pid]);
        // The termination reaches the client while it runs no statement: pg emits it on the client.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.query('SELECT 1');
      });
      await expect(cut).rejects.toThrow();
      const after = await t.db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'));
      expect(after.rows[0]?.one).toBe(1);
    } finally {
      await t.dispose();
    }
  });
});
