import { hubSpotV3Signature } from '../../../connectors/hubspot/webhook-signature';
import { repositories } from '../../../src/store';
import { handedOff, hubspotContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';

describe('Sales → HubSpot feedback, and the pipeline keeping itself honest', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a rejection with a code in Salesforce reaches the HubSpot contact with its recycle action', async () => {
    const { contactId, lead } = await handedOff(h, 'reject');
    await h.sales.update('Lead', [
      { id: lead.Id as never, fields: { Status: 'Closed - Not Converted', Rejection_Code__c: 'NOT_READY' } },
    ]);
    const properties = await eventually(() => {
      const now = hubspotContact(h, contactId);
      return now?.leadpact_rejection_code === 'NOT_READY' ? now : undefined;
    });
    expect(properties.leadpact_stage).toBe('recycled');
    // HubSpot takes datetimes as epoch milliseconds and returns them as ISO 8601.
    expect(Date.parse(String(properties.leadpact_reengage_at))).toBeGreaterThan(Date.now() + 80 * 86_400_000);
    expect(properties.leadpact_sales_feedback).toMatch(/not ready/i);
  });

  it('a rejection without a listed code is reported to both sides as a protocol violation', async () => {
    const { contactId, lead } = await handedOff(h, 'nocode');
    // Rejection_Code__c is a restricted picklist of the listed codes, so the rep can only leave it blank.
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Closed - Not Converted' } }]);
    const properties = await eventually(() => {
      const now = hubspotContact(h, contactId);
      return now?.leadpact_stage === 'rejected' && (now.leadpact_sales_feedback ?? '').length > 0 ? now : undefined;
    });
    expect(properties.leadpact_sales_feedback).toMatch(/without a rejection code/);
    const record = await repositories(h.db).leads.findByHubSpotId(contactId as never);
    const trail = await repositories(h.db).audit.forLead(record!.id);
    expect(trail.some((entry) => entry.kind === 'violation')).toBe(true);
  });

  it("a rep's logged call is the lead's first touch; a Task leadpact's own user creates is not", async () => {
    const { lead } = await handedOff(h, 'touch');
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Status: 'Working - Contacted' } }]);
    const stored = () => repositories(h.db).leads.findBySalesforceId(lead.Id as never);
    await eventually(async () => ((await stored())?.stage === 'accepted' ? true : undefined));
    // leadpact's integration user files a reminder first; its message is delivered before the rep's call.
    const delivered = h.sf.outboundStats().notificationsDelivered;
    await h.salesforce.create('Task', [
      { fields: { WhoId: lead.Id as never, Subject: 'Reminder', Status: 'Not Started' } },
    ]);
    await eventually(() =>
      h.sf.outboundStats().notificationsDelivered > delivered && h.sf.outboundStats().pending === 0 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rep = String(lead.OwnerId);
    const [call] = h.sf.seed(
      'Task',
      [
        {
          WhoId: lead.Id,
          Subject: 'Discovery call',
          Status: 'Completed',
          TaskSubtype: 'Call',
          OwnerId: rep,
          CreatedById: rep,
        },
      ],
      { notify: true },
    );
    const touched = await eventually(async () => {
      const now = await stored();
      return now && now.firstTouchAt !== null ? now : undefined;
    });
    const logged = h.sf.records('Task').find((task) => task.Id === call);
    expect(touched.firstTouchAt).toBe(Date.parse(String(logged?.CreatedDate)));
    expect(touched.stage).toBe('working');
  });

  it('the same webhook delivered twice creates one lead and one Salesforce Lead', async () => {
    const { contactId } = await handedOff(h, 'dup');
    const event = [
      {
        eventId: 990001,
        subscriptionId: 1,
        portalId: h.hs.credentials.portalId,
        appId: Number(h.hs.credentials.appId),
        occurredAt: Date.now(),
        attemptNumber: 0,
        subscriptionType: 'contact.creation',
        objectId: Number(contactId),
        changeSource: 'CRM_UI',
      },
    ];
    for (let i = 0; i < 3; i++) expect((await postSigned(h, event)).status).toBe(200);
    await h.runtime.pipeline?.relays.salesforce.flushOnce(true);
    expect(h.sf.records('Lead').filter((l) => l.HubSpot_Contact_Id__c === contactId)).toHaveLength(1);
    const leads = await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM leads WHERE hubspot_contact_id = $1',
      [contactId],
    );
    expect(leads.rows[0]?.n).toBe(1);
  });

  it('a field Sales owns flows to HubSpot once, and the webhook echoing that write is dropped unread', async () => {
    const { contactId, lead } = await handedOff(h, 'echo');
    await eventually(() => (hubspotContact(h, contactId)?.leadpact_salesforce_id ? true : undefined));
    await settle(h);
    const before = routeCalls(h);
    // A salesperson corrects the title: Salesforce owns Title, so HubSpot's jobtitle follows it.
    await h.sales.update('Lead', [{ id: lead.Id as never, fields: { Title: 'Chief Product Officer' } }]);
    await eventually(() => (hubspotContact(h, contactId)?.jobtitle === 'Chief Product Officer' ? true : undefined));
    await h.hs.flushWebhooks();
    await settle(h);
    const after = routeCalls(h);
    expect(after.hubspotUpdates - before.hubspotUpdates).toBe(1);
    // HubSpot delivered the jobtitle change we made; it was recognised as ours and never read back.
    expect(after.hubspotReads).toBe(before.hubspotReads);
    expect(after.webhookEvents).toBeGreaterThan(before.webhookEvents);
    // Salesforce saw only the salesperson's own update.
    expect(after.salesforceWrites - before.salesforceWrites).toBe(1);
  });
});

function routeCalls(h: Harness): {
  hubspotUpdates: number;
  hubspotReads: number;
  webhookEvents: number;
  salesforceWrites: number;
} {
  const hs = h.hs.calls();
  const sf = h.sf.calls();
  const sum = (routes: Readonly<Record<string, number>>, test: (route: string) => boolean) =>
    Object.entries(routes)
      .filter(([route]) => test(route))
      .reduce((total, [, n]) => total + n, 0);
  return {
    hubspotUpdates: sum(hs.byRoute, (r) => r.includes('batch/update')),
    hubspotReads: sum(hs.byRoute, (r) => r.includes('batch/read')),
    webhookEvents: hs.webhooks.deliveredEvents,
    salesforceWrites: sum(
      sf.byRoute,
      // POST /composite/sobjects/{type} is a retrieve: an outbound message's records read back.
      (r) =>
        /^(PATCH|POST|DELETE) /.test(r) &&
        !r.includes('oauth2') &&
        !r.includes('/query') &&
        !/^POST \S*\/composite\/sobjects\/[^/\s]+$/.test(r),
    ),
  };
}

/** Waits until both relays found nothing to send for a few passes. */
async function settle(h: Harness): Promise<void> {
  for (let idle = 0; idle < 3;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pending = await repositories(h.db).outbox.pending();
    const waiting = (await h.runtime.pipeline?.queues.inbound.getJobCounts('waiting', 'active', 'delayed')) ?? {};
    idle = pending === 0 && Object.values(waiting).every((n) => n === 0) ? idle + 1 : 0;
  }
}

/** Posts events as HubSpot would: signed with the app's client secret over the exact bytes. */
export async function postSigned(h: Harness, events: unknown, timestamp = Date.now()): Promise<Response> {
  const body = JSON.stringify(events);
  const url = `${h.baseUrl}/webhooks/hubspot`;
  const v3 = hubSpotV3Signature({
    method: 'POST',
    url,
    rawBody: Buffer.from(body),
    timestamp: String(timestamp),
    clientSecret: h.hs.credentials.clientSecret,
  });
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': v3,
      'x-hubspot-request-timestamp': String(timestamp),
    },
    body,
  });
}
