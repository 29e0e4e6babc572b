import { createHash, randomBytes } from 'node:crypto';
import type { OutboundConfig } from '../../../connectors/salesforce/simulator';
import { inboundJobSchema } from '../../../src/app/inbound/inbound.schema';
import { outboundMessageFields } from '../../../src/app/inbound/salesforce-fields';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../../src/shared/field-specs';
import type { LeadId } from '../../../src/shared/ids';
import { repositories } from '../../../src/store';
import { hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import {
  linkedLead,
  outboundXml,
  postSalesforce,
  processed,
  refusals,
  salesforceJobId,
  type XmlNotification,
} from './ingress-fixture';

/**
 * An outbound message whose SessionId is present is acted on only if that is a live session of our
 * org; the id itself, a bearer secret, never sits in the job's data, only its SHA-256.
 */

let sequence = 0;
function notificationId(): string {
  sequence += 1;
  return `04l5g00000S${String(sequence).padStart(4, '0')}AAA`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe("an outbound message's SessionId must be a live session of our org", () => {
  let h: Harness;
  let org: string;
  let outbound: OutboundConfig;
  beforeAll(async () => {
    h = await startHarness();
    org = h.sf.credentials.orgId;
    // As the stack configures it (src/demo/simulated-stack.ts), so a test can stop or change it.
    outbound = {
      url: `${h.baseUrl}/webhooks/salesforce`,
      objects: [...FOLLOWED_SALESFORCE_OBJECTS],
      fields: outboundMessageFields(),
      retryBaseMs: 50,
    };
  });
  afterEach(() => {
    h.sf.setOutbound(outbound);
  });
  afterAll(async () => {
    await h.close();
  });

  /** A session id shaped as the org's are (its id, then !AQ…) that Salesforce never issued. */
  const forgedSession = () => `${org.slice(0, 15)}!AQ${randomBytes(30).toString('base64url')}`;

  /** What the ledger says of a lead: its stage, and how many audit rows and pending CRM writes it has. */
  async function ledger(leadId: string) {
    const lead = await repositories(h.db).leads.findById(leadId as LeadId);
    const count = async (table: 'lead_events' | 'outbox') => {
      const rows = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE lead_id = $1`, [
        leadId,
      ]);
      return rows.rows[0]?.n ?? 0;
    };
    return { stage: lead?.stage, events: await count('lead_events'), pendingWrites: await count('outbox') };
  }

  /**
   * Stops Salesforce's outbound messages once none is queued or in flight, the worker has nothing
   * left to read back, and leadpact has no write pending for the lead that would bring another.
   * The check ends synchronously with the stop, so no message can start in between.
   */
  async function stopOutboundWhenQuiet(leadId: string): Promise<void> {
    const inbound = h.runtime.pipeline!.queues.inbound;
    const sent = () => {
      const stats = h.sf.outboundStats();
      const inFlight = stats.attempts - stats.messagesDelivered - stats.failedAttempts;
      return stats.pending === 0 && inFlight === 0 ? stats.attempts : undefined;
    };
    await eventually(async () => {
      const attempts = sent();
      if (attempts === undefined) return undefined;
      // Acknowledged messages were queued before their ACK: an idle queue now holds all of them.
      const counts = await inbound.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).some((n) => n > 0) || (await ledger(leadId)).pendingWrites > 0) return undefined;
      if (sent() !== attempts) return undefined;
      h.sf.setOutbound(null);
      return true;
    });
  }

  /**
   * A handed-off Lead that Sales then accepted in Salesforce while no outbound message was sent, so
   * only a message posted by the test can bring the news, and only through the read-back.
   */
  async function acceptedUnannounced(n: string) {
    const linked = await linkedLead(h, n);
    await eventually(() => (hubspotContact(h, linked.contactId)?.leadpact_salesforce_id ? true : undefined));
    await stopOutboundWhenQuiet(linked.stored.id);
    await h.sales.update('Lead', [{ id: linked.sfId as never, fields: { Status: 'Working - Contacted' } }]);
    return linked;
  }

  const naming = (sfId: string): XmlNotification => ({ id: notificationId(), object: 'Lead', recordId: sfId });

  it('drops a message naming a real Lead with a bogus SessionId: the lead and both CRMs unchanged, the drop counted', async () => {
    const { contactId, sfId, stored } = await acceptedUnannounced('session-forged');
    const before = {
      ledger: await ledger(stored.id),
      salesforce: h.sf.records('Lead').find((l) => l.Id === sfId),
      hubspot: hubspotContact(h, contactId),
      refused: await refusals(h, 'WEBHOOK_SESSION_INVALID'),
    };
    expect(before.ledger.stage).toBe('handed_off');
    const forged = naming(sfId);
    expect((await postSalesforce(h, outboundXml(org, [forged], '', forgedSession()))).status).toBe(200);
    await processed(h, [forged]);
    expect(await ledger(stored.id)).toEqual(before.ledger);
    expect(h.sf.records('Lead').find((l) => l.Id === sfId)).toEqual(before.salesforce);
    expect(hubspotContact(h, contactId)).toEqual(before.hubspot);
    expect(await refusals(h, 'WEBHOOK_SESSION_INVALID')).toBe(before.refused + 1);
  });

  it('applies the same message carrying a live session of the integration user: the read-back happens', async () => {
    const { contactId, sfId, stored } = await acceptedUnannounced('session-live');
    const refused = await refusals(h, 'WEBHOOK_SESSION_INVALID');
    const message = naming(sfId);
    expect((await postSalesforce(h, outboundXml(org, [message], '', h.sf.mintAccessToken()))).status).toBe(200);
    await processed(h, [message]);
    expect((await ledger(stored.id)).stage).toBe('accepted');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_stage === 'accepted' ? true : undefined));
    expect(await refusals(h, 'WEBHOOK_SESSION_INVALID')).toBe(refused);
  });

  it('keeps the raw session id out of the job data in Redis: the job carries its SHA-256', async () => {
    const { sfId } = await linkedLead(h, 'session-job-data');
    const session = h.sf.mintAccessToken();
    const message = naming(sfId);
    expect((await postSalesforce(h, outboundXml(org, [message], '', session))).status).toBe(200);
    await processed(h, [message]);
    const jobs = await h.runtime.pipeline!.queues.inbound.getJobs(['completed']);
    const job = jobs.find((j) => j.id === salesforceJobId([message]));
    expect(job?.data).toMatchObject({ source: 'salesforce', sessionRef: sha256(session) });
    expect(JSON.stringify(job?.asJSON())).not.toContain(session);
    expect(JSON.stringify(job?.asJSON())).not.toContain(session.slice(18));
  });

  it("with the simulator's Send Session ID on, its messages carry the send-as user's session and are applied", async () => {
    const rep = h.sf.defaults().userIds.find((id) => id !== h.sf.defaults().integrationUserId) ?? '';
    h.sf.setOutbound({ ...outbound, sendSessionId: true, sendAs: rep });
    // A salesperson creates a Lead; Salesforce announces it with a session of the "User to send as".
    const [sfId = ''] = h.sf.seed(
      'Lead',
      [{ LastName: 'Session', Company: 'Sent Co', OwnerId: rep, CreatedById: rep, LastModifiedById: rep }],
      {
        notify: true,
      },
    );
    const created = await eventually(
      async () => (await repositories(h.db).leads.findBySalesforceId(sfId as never)) ?? undefined,
      20_000,
      'the Sales-sourced lead',
    );
    expect(created.source).toBe('sales');
    const jobs = await h.runtime.pipeline!.queues.inbound.getJobs(['completed']);
    const refs = jobs.flatMap((j) => {
      const data = inboundJobSchema.parse(j.data);
      return data.source === 'salesforce' && data.notices.some((n) => n.recordId === sfId) ? [data.sessionRef] : [];
    });
    expect(refs).toContainEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
  });

  it('still checks the raw SessionId of a job queued before the session vault: bogus drops, live applies', async () => {
    const { sfId, stored } = await acceptedUnannounced('session-legacy');
    const inbound = h.runtime.pipeline!.queues.inbound;
    const legacyJob = async (sessionId: string) => {
      const notice = { notificationId: notificationId(), object: 'Lead', recordId: sfId };
      const jobId = salesforceJobId([{ id: notice.notificationId, object: 'Lead', recordId: sfId }]);
      await inbound.add(
        'salesforce',
        { source: 'salesforce', receivedAt: Date.now(), notices: [notice], sessionId },
        { jobId },
      );
      await eventually(async () => ((await inbound.getJobState(jobId)) === 'completed' ? true : undefined));
    };
    const refused = await refusals(h, 'WEBHOOK_SESSION_INVALID');
    await legacyJob(forgedSession());
    expect((await ledger(stored.id)).stage).toBe('handed_off');
    expect(await refusals(h, 'WEBHOOK_SESSION_INVALID')).toBe(refused + 1);
    await legacyJob(h.sf.mintAccessToken());
    expect((await ledger(stored.id)).stage).toBe('accepted');
  });
});
