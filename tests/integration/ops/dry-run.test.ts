import { randomUUID } from 'node:crypto';
import { applyToLead, type ApplyDeps } from '../../../src/app/apply-events/apply-events';
import { dryRunProtocol } from '../../../src/app/dry-run';
import { renderReport, reportThresholds } from '../../../src/app/report';
import { activateProtocol } from '../../../src/service/protocol-source';
import { systemClock } from '../../../src/shared/clock';
import { hubSpotContactId, leadId, salesforceId } from '../../../src/shared/ids';
import { silentLogger } from '../../../src/shared/logger';
import { migrate } from '../../../src/store/migrate';
import { openTestDatabase, type TestDatabase } from '../../support/databases';
import { PROTOCOL_TEXT, shippedProtocol } from '../../unit/cli/protocol-fixture';

const DAY = 86_400_000;
const protocol = shippedProtocol();

function properties(n: number, ready: boolean, now: number): Record<string, string> {
  return {
    email: `buyer${n}@acme-${n}.io`,
    firstname: 'Dana',
    lastname: `Buyer ${n}`,
    company: `Acme ${n}`,
    country: 'United Kingdom',
    industry: 'COMPUTER_SOFTWARE',
    numberofemployees: '400',
    jobtitle: 'VP Product',
    annualrevenue: '20000000',
    utm_campaign: 'spring',
    // Ready: a demo request (40 points). Not ready: only a pricing-page view (15 of the 40 needed).
    ...(ready ? { demo_requested_date: String(now - DAY) } : { last_pricing_page_view: String(now - DAY) }),
  };
}

/** A contact through the engine; a ready one is handed off and its hand-off completed. */
async function seed(apply: ApplyDeps, n: number, ready: boolean): Promise<void> {
  const now = Date.now();
  const contactId = hubSpotContactId(500 + n);
  const { lead } = await applyToLead(apply, { kind: 'hubspot', id: contactId }, () => [
    {
      type: 'hubspot.contact.created',
      id: `hs:${n}`,
      at: now,
      leadId: leadId(randomUUID()),
      contactId,
      properties: properties(n, ready, now),
    },
  ]);
  if (!ready || lead?.pendingHandoff == null) return;
  const handoffKey = lead.pendingHandoff;
  await applyToLead(apply, { kind: 'lead', id: lead.id }, () => [
    {
      type: 'salesforce.handoff.completed',
      id: `handoff:${n}`,
      at: now,
      handoffKey,
      salesforceId: salesforceId(`00Q00000000${String(n).padStart(4, '0')}AAA`),
      object: 'Lead',
      ownerId: null,
      created: true,
    },
  ]);
}

describe.each(['postgres', 'pglite'] as const)('check --dry-run and report over a stored ledger on %s', (kind) => {
  let database: TestDatabase;
  let apply: ApplyDeps;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await migrate(database.db);
    apply = {
      db: database.db,
      protocol,
      clock: systemClock,
      timers: { schedule: async () => undefined, cancel: async () => undefined },
      logger: silentLogger(),
    };
    for (let n = 1; n <= 3; n++) await seed(apply, n, true);
    for (let n = 4; n <= 5; n++) await seed(apply, n, false);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('has nothing to compare with before any protocol went live', async () => {
    expect(await dryRunProtocol(database.db, protocol, Date.now())).toEqual({
      ok: false,
      error: { kind: 'no_active_protocol' },
    });
  });

  it('counts who would qualify and which acceptance outcomes would differ, walking the ledger page by page', async () => {
    await activateProtocol(database.db, { protocol, text: PROTOCOL_TEXT }, 'config/protocol.yaml');
    const candidate = shippedProtocol((doc) => {
      doc.set('version', '2026.2');
      doc.setIn(['qualification', 'readiness', 'threshold'], 10);
      doc.setIn(['sla', 'accept', 'businessHours'], 400);
    });
    const threeDaysOn = Date.now() + 3 * DAY;
    const result = await dryRunProtocol(database.db, candidate, threeDaysOn, 2);
    if (!result.ok) throw new Error(result.error.kind);
    const { before, after, diff, unreadable } = result.value;
    expect({ before, after, unreadable }).toEqual({ before: '2026.1', after: '2026.2', unreadable: 0 });
    expect(diff).toMatchObject({ leads: 5, qualifiedBefore: 3, qualifiedAfter: 5 });
    expect(diff.qualification.map((c) => [c.before, c.after])).toEqual([
      [false, true],
      [false, true],
    ]);
    expect(diff.sla).toHaveLength(3);
    expect(diff.sla.every((c) => c.before === 'breached' && c.after === 'open')).toBe(true);
    // Leads are named by e-mail, as people know them.
    expect(diff.qualification.map((c) => c.lead).sort()).toEqual(['buyer4@acme-4.io', 'buyer5@acme-5.io']);
    expect(diff.rules['readiness pricing-page']).toEqual({ before: 2, after: 2 });
    expect(diff.territories).toEqual({ emea: { before: 3, after: 5 } });
  });

  it('judges each stored lead as of when it was judged, so recency rules do not lapse with time', async () => {
    const stricter = shippedProtocol((doc) => {
      doc.set('version', '2026.3');
      doc.setIn(['qualification', 'fit', 'threshold'], 100);
    });
    // Two months on, every demo request is older than the 14 days its rule allows.
    const result = await dryRunProtocol(database.db, stricter, Date.now() + 60 * DAY, 2);
    if (!result.ok) throw new Error(result.error.kind);
    expect(result.value.diff).toMatchObject({ leads: 5, qualifiedBefore: 3, qualifiedAfter: 0 });
  });

  it('renders the scorecard and the alignment pack from the same ledger', async () => {
    const settings = { thresholds: reportThresholds(protocol), timeZone: 'UTC' };
    const text = await renderReport(
      database.db,
      { kind: 'scorecard', format: 'json', period: '30d' },
      settings,
      Date.now(),
    );
    if (!text.ok) throw new Error(text.error);
    expect((JSON.parse(text.value) as { overall: { mqls: { value: number } } }).overall.mqls.value).toBe(3);
    const pack = await renderReport(
      database.db,
      { kind: 'pack', format: 'markdown', period: undefined },
      settings,
      Date.now(),
    );
    expect(pack.ok && pack.value.startsWith('#')).toBe(true);
    expect(
      await renderReport(database.db, { kind: 'scorecard', format: 'text', period: 'someday' }, settings, Date.now()),
    ).toEqual({ ok: false, error: expect.stringContaining('unknown period') });
  });
});
