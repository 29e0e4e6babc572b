import { repositories } from '../../../src/store';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import { linkedLead, outboundXml, postSalesforce, processed, refusals, type XmlNotification } from './ingress-fixture';

/**
 * Outbound messages carry no signature and the org id is no secret: anyone can post one. These
 * forge what the issue reported and check what a user cares about: Salesforce's truth wins.
 */

let sequence = 0;
function notificationId(): string {
  sequence += 1;
  return `04l5g00000F${String(sequence).padStart(4, '0')}AAA`;
}

async function outboxMentions(h: Harness, leadId: string, text: string): Promise<number> {
  const rows = await h.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM outbox WHERE lead_id = $1 AND payload::text LIKE $2',
    [leadId, `%${text}%`],
  );
  return rows.rows[0]?.n ?? 0;
}

describe('a forged Salesforce outbound message is only a notification: what Salesforce answers is applied', () => {
  let h: Harness;
  let org: string;
  beforeAll(async () => {
    h = await startHarness();
    org = h.sf.credentials.orgId;
  });
  afterAll(async () => {
    await h.close();
  });

  it('a forged NOT_ICP rejection leaves the lead, the Salesforce Lead and HubSpot untouched', async () => {
    const { contactId, sfId, stored } = await linkedLead(h, 'forged-reject');
    const forged: XmlNotification = {
      id: notificationId(),
      object: 'Lead',
      recordId: sfId,
      fieldsXml: `<sf:Status>Closed - Not Converted</sf:Status><sf:Rejection_Code__c>NOT_ICP</sf:Rejection_Code__c><sf:SystemModstamp>${new Date().toISOString()}</sf:SystemModstamp>`,
    };
    expect((await postSalesforce(h, outboundXml(org, [forged]))).status).toBe(200);
    await processed(h, [forged]);
    const after = await repositories(h.db).leads.findBySalesforceId(sfId as never);
    expect({ stage: after?.stage, rejectionCode: after?.rejectionCode }).toEqual({
      stage: stored.stage,
      rejectionCode: null,
    });
    expect(h.sf.records('Lead').find((l) => l.Id === sfId)).toMatchObject({ Status: 'Open - Not Contacted' });
    expect(await outboxMentions(h, stored.id, 'NOT_ICP')).toBe(0);
    expect(h.hs.contacts().find((c) => c.id === contactId)?.properties.leadpact_stage).not.toBe('rejected');
  });

  it('a forged deletion does not retire the lead', async () => {
    const { sfId, stored } = await linkedLead(h, 'forged-delete');
    const forged: XmlNotification = {
      id: notificationId(),
      object: 'Lead',
      recordId: sfId,
      fieldsXml: '<sf:IsDeleted>true</sf:IsDeleted>',
    };
    expect((await postSalesforce(h, outboundXml(org, [forged]))).status).toBe(200);
    await processed(h, [forged]);
    const after = await repositories(h.db).leads.findBySalesforceId(sfId as never);
    expect({ retired: after?.retired, stage: after?.stage }).toEqual({ retired: false, stage: stored.stage });
  });

  it('a notification stamped 2099 is refused, and Sales accepting the lead afterwards is applied', async () => {
    const { sfId } = await linkedLead(h, 'forged-future');
    const before = await refusals(h, 'WEBHOOK_TIMESTAMP_STALE');
    const forged: XmlNotification = {
      id: notificationId(),
      object: 'Lead',
      recordId: sfId,
      fieldsXml: '<sf:SystemModstamp>2099-01-01T00:00:00.000Z</sf:SystemModstamp>',
    };
    expect((await postSalesforce(h, outboundXml(org, [forged]))).status).toBe(200);
    expect(await refusals(h, 'WEBHOOK_TIMESTAMP_STALE')).toBe(before + 1);
    await h.sales.update('Lead', [{ id: sfId as never, fields: { Status: 'Working - Contacted' } }]);
    const accepted = await eventually(async () => {
      const now = await repositories(h.db).leads.findBySalesforceId(sfId as never);
      return now?.stage === 'accepted' || now?.stage === 'working' ? now : undefined;
    });
    expect(accepted.retired).toBe(false);
  });

  it('30 forged messages naming ids Salesforce does not have create no lead', async () => {
    const leads = async () =>
      Number((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads')).rows[0]?.n ?? 0);
    const before = await leads();
    const messages = Array.from({ length: 30 }, (_, i) => [
      { id: notificationId(), object: 'Lead', recordId: `00Q5g00000PH${String(i).padStart(3, '0')}AAA` },
      { id: notificationId(), object: 'Contact', recordId: `0035g00000PH${String(i).padStart(3, '0')}AAA` },
    ]);
    for (const notifications of messages) {
      expect((await postSalesforce(h, outboundXml(org, notifications))).status).toBe(200);
    }
    for (const notifications of messages) await processed(h, notifications);
    expect((await leads()) - before).toBe(0);
  });

  it('a forged message naming an old Lead leadpact does not know creates no lead; a Lead a salesperson just created does', async () => {
    const rep = h.sf.defaults().userIds.find((id) => id !== h.sf.defaults().integrationUserId) ?? '';
    const bySales = { OwnerId: rep, CreatedById: rep, LastModifiedById: rep };
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString();
    // Seeded as history, without an outbound message: Sales entered it three days ago, and no one touched it since.
    const [oldId = ''] = h.sf.seed('Lead', [
      {
        LastName: 'Dormant',
        Company: 'Old Co',
        Status: 'Working - Contacted',
        ...bySales,
        CreatedDate: threeDaysAgo,
        LastModifiedDate: threeDaysAgo,
        SystemModstamp: threeDaysAgo,
      },
    ]);
    const stamp = h.sf.records('Lead').find((l) => l.Id === oldId)?.SystemModstamp;
    expect(Date.parse(String(stamp))).toBeLessThan(Date.now() - 86_400_000);
    const forged: XmlNotification = {
      id: notificationId(),
      object: 'Lead',
      recordId: oldId,
      fieldsXml: `<sf:SystemModstamp>${new Date().toISOString()}</sf:SystemModstamp>`,
    };
    expect((await postSalesforce(h, outboundXml(org, [forged]))).status).toBe(200);
    await processed(h, [forged]);
    expect(await repositories(h.db).leads.findBySalesforceId(oldId as never)).toBeNull();

    // A salesperson creates a Lead: Salesforce's own outbound message announces it.
    const [newId = ''] = h.sf.seed('Lead', [{ LastName: 'Fresh', Company: 'New Co', ...bySales }], { notify: true });
    const created = await eventually(
      async () => (await repositories(h.db).leads.findBySalesforceId(newId as never)) ?? undefined,
      20_000,
      'the Sales-sourced lead',
    );
    expect({ source: created.source, stage: created.stage }).toEqual({ source: 'sales', stage: 'accepted' });
    expect(await repositories(h.db).leads.findBySalesforceId(oldId as never)).toBeNull();
  });

  it('1.8 MB of hostile XML from another org is refused before parsing while /healthz answers', async () => {
    const hostile = outboundXml('00D5g000009ZZZZEAA', [
      {
        id: notificationId(),
        object: 'Lead',
        recordId: '00Q5g00000HOSTAAA',
        fieldsXml: Array.from({ length: 200_000 }, (_, i) => `<a${i}/>`).join(''),
      },
    ]);
    expect(hostile.length).toBeGreaterThan(1_800_000);
    const before = await refusals(h, 'WEBHOOK_ORG_MISMATCH');
    const [refused, ...health] = await Promise.all([
      postSalesforce(h, hostile),
      ...Array.from({ length: 5 }, () => fetch(`${h.baseUrl}/healthz`).then((r) => r.status)),
    ]);
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 403, code: 'WEBHOOK_ORG_MISMATCH' });
    expect(health).toEqual([200, 200, 200, 200, 200]);
    expect(await refusals(h, 'WEBHOOK_ORG_MISMATCH')).toBe(before + 1);
  });
});
