import jsforce from 'jsforce';
import { reconcile, salesforceReadFields } from '../../../src/app/reconcile';
import type { Clock } from '../../../src/shared/clock';
import type { SalesforceId } from '../../../src/shared/ids';
import { repositories } from '../../../src/store';
import { hubspotContact, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

const MINUTE = 60_000;

/**
 * An org that sends neither Change Data Capture nor outbound messages (and a portal whose webhooks
 * never come): every change reaches leadpact through reconciliation alone. Protocol and simulator
 * time run ahead of real time by `offset`, so a test can let a minute pass (Get Deleted counts whole
 * minutes) without waiting for it.
 */
describe('reconciliation without notifications: deletes and merges in Salesforce', () => {
  let h: Harness;
  let offset = 0;
  const clock: Clock = {
    now: () => Date.now() + offset,
    realDelayUntil: (instant) => Math.max(0, instant - (Date.now() + offset)),
  };
  beforeAll(async () => {
    h = await startHarness({ notifications: false, clock });
  });
  afterAll(async () => {
    await h.close();
  });

  const deps = () => h.runtime.pipeline!.deps;
  const calls = (route: string) => h.sf.calls().byRoute[route] ?? 0;
  const totalCalls = () => Object.values(h.sf.calls().byRoute).reduce((sum, n) => sum + n, 0);

  /** Qualified contacts seeded silently, handed off by a reconciliation, their Leads linked in the ledger. */
  async function handedOffSilently(names: readonly string[]): Promise<{ contactId: string; leadId: SalesforceId }[]> {
    const ids = h.hs.seed({ contacts: names.map((name) => qualifiedContact(name)) }).contacts.map(String);
    await reconcile(deps());
    return Promise.all(
      ids.map(async (contactId) => {
        const lead = await eventually(
          async () => (await repositories(h.db).leads.findByHubSpotId(contactId as never))?.salesforceId ?? undefined,
          20_000,
          `the Lead of contact ${contactId} linked`,
        );
        return { contactId, leadId: lead };
      }),
    );
  }

  it('catches a deleted Lead and a merged one through Get Deleted, ahead of a backlog in the change window', async () => {
    const [deleted, merged] = await handedOffSilently(['gd-deleted', 'gd-merged']);
    // Sales' own edits, older than the deletions: the change window has them to read first.
    const [master] = h.sf.seed('Lead', [
      { LastName: 'Master', Company: 'Merge Survivors', Email: 'master@merge.test' },
      ...['One', 'Two', 'Three'].map((LastName) => ({ LastName, Company: 'Backlog' })),
    ]);
    offset += MINUTE;
    // The rep who owns the Lead deletes it (leadpact's own permission set grants no Delete).
    const owner = h.sf.records('Lead').find((l) => l.Id === deleted!.leadId)?.OwnerId;
    await new jsforce.Connection({
      instanceUrl: h.sf.url,
      accessToken: h.sf.mintAccessToken(String(owner)),
      version: h.sf.apiVersion,
    })
      .sobject('Lead')
      .destroy(deleted!.leadId);
    h.sf.merge(String(master), [merged!.leadId]);
    offset += 2 * MINUTE;

    const before = { deleted: calls('GET /sobjects/:type/deleted'), queryAll: calls('GET /queryAll') };
    // The change window reads one row a run: it is still behind, in the backlog.
    await reconcile({ ...deps(), pageSize: 1, maxPages: 1 });

    const gone = await repositories(h.db).leads.findByHubSpotId(deleted!.contactId as never);
    expect(gone?.salesforceId).toBeNull();
    const repointed = await repositories(h.db).leads.findByHubSpotId(merged!.contactId as never);
    expect(repointed?.salesforceId).toBe(master);
    const audit = (await repositories(h.db).audit.forLead(gone!.id)).map((entry) => entry.kind);
    expect(audit).toContain('violation');
    await eventually(
      () =>
        /deleted this lead in Salesforce/.test(hubspotContact(h, deleted!.contactId)?.leadpact_sales_feedback ?? '')
          ? true
          : undefined,
      20_000,
      'the deletion reported to HubSpot',
    );
    // One Get Deleted per person object; one queryAll told the merge from the delete; the rest is
    // the change window's one page per followed object.
    expect(calls('GET /sobjects/:type/deleted') - before.deleted).toBe(2);
    expect(calls('GET /queryAll') - before.queryAll).toBe(1 + 5);

    const cursor = (await repositories(h.db).cursors.get('salesforce:Lead:deleted')) as { since: string };
    expect(Date.parse(cursor.since)).toBe(Math.floor(clock.now() / MINUTE) * MINUTE);

    // Within the same minute nothing is asked again; once the window catches up, nothing is applied twice.
    const auditSize = audit.length;
    await reconcile(deps());
    expect(calls('GET /sobjects/:type/deleted') - before.deleted).toBe(2);
    expect((await repositories(h.db).audit.forLead(gone!.id)).length).toBe(auditSize);
  });

  it('the SOQL change window reads changed Leads in fewer calls than Get Updated and a retrieve would', async () => {
    const people = await handedOffSilently(['gu-1', 'gu-2', 'gu-3']);
    offset += 2 * MINUTE;
    const since = clock.now();
    for (const person of people)
      await h.sales.update('Lead', [{ id: person.leadId, fields: { Status: 'Working - Contacted' } }]);
    offset += 2 * MINUTE;
    const salesforce = deps().salesforce;
    const fields = salesforceReadFields(h.protocol).Lead;

    const soqlBefore = totalCalls();
    let cursor = { since: new Date(since).toISOString(), afterId: null as string | null };
    const bySoql = new Set<string>();
    for (let more = true; more;) {
      const page = await salesforce.readChanges('Lead', cursor, fields, 200);
      page.records.forEach((record) => bySoql.add(record.id));
      cursor = page.next;
      more = page.more;
    }
    const soqlCalls = totalCalls() - soqlBefore;

    const updatedBefore = totalCalls();
    const updated = await salesforce.getUpdated('Lead', since, clock.now());
    const read = await salesforce.retrieve('Lead', updated.ids, fields);
    const updatedCalls = totalCalls() - updatedBefore;

    for (const person of people) {
      expect(bySoql.has(person.leadId)).toBe(true);
      expect(read.some((record) => record.id === person.leadId)).toBe(true);
    }
    console.log(`Lead changes read: SOQL window ${soqlCalls} call(s), Get Updated + retrieve ${updatedCalls} call(s)`);
    expect(soqlCalls).toBeLessThanOrEqual(updatedCalls);
  });
});
