import { repositories } from '../../../src/store';
import { hubspotContact, qualifiedContact } from '../../support/contacts';
import { eventually, startHarness, type Harness } from '../../support/pipeline-harness';
import { hubspotEvent, inboundJobs, postSignedHubSpot, type Answer } from './ingress-fixture';

/**
 * Correctly signed HubSpot events that must not retire or re-point a lead: an app's client secret
 * signs the events of every account that installs it, so a good signature does not make an event
 * about our contacts, and a deletion or merge is believed only once HubSpot confirms it.
 */
describe('signed HubSpot deletions and merges that are not ours, or not true, change nothing', () => {
  let h: Harness;
  let nextEventId = 8_100_000;
  beforeAll(async () => {
    // No simulator notifications: every webhook here is the test's own, signed with the app's secret.
    h = await startHarness({ notifications: false });
  });
  afterAll(async () => {
    await h.close();
  });

  const leads = () => repositories(h.db).leads;

  function event(overrides: Record<string, unknown>): Record<string, unknown> {
    return hubspotEvent(h, { eventId: nextEventId++, ...overrides });
  }

  async function inboundCounts(): Promise<{ completed: number; failed: number; pending: number }> {
    const counts = await h.runtime.pipeline!.queues.inbound.getJobCounts(
      'completed',
      'failed',
      'waiting',
      'active',
      'delayed',
      'prioritized',
    );
    return {
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      pending: (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
    };
  }

  /** Posts signed events and waits until the inbound job they made has run. */
  async function delivered(events: readonly Record<string, unknown>[]): Promise<void> {
    const before = await inboundCounts();
    const answer = await postSignedHubSpot(h, events);
    expect(answer.status).toBe(200);
    const after = await eventually(async () => {
      const now = await inboundCounts();
      return now.completed + now.failed > before.completed + before.failed ? now : undefined;
    });
    expect(after.failed).toBe(before.failed);
  }

  /** A marketer's qualified contact, handed off to Salesforce, with every write of the hand-off done. */
  async function handedOffLead(n: string) {
    const contact = h.hs.user.createContact(qualifiedContact(n));
    await delivered([event({ subscriptionType: 'contact.creation', objectId: Number(contact.id) })]);
    await eventually(
      async () => {
        const lead = await leads().findByHubSpotId(contact.id as never);
        if (lead?.salesforceId == null) return undefined;
        if (!hubspotContact(h, contact.id)?.leadpact_salesforce_id) return undefined;
        if ((await repositories(h.db).outbox.pending()) > 0) return undefined;
        return (await inboundCounts()).pending === 0 ? true : undefined;
      },
      20_000,
      `the hand-off of contact ${n}`,
    );
    return { contactId: contact.id };
  }

  /** Everything a user would see change: the lead, its audit trail, both CRMs' records, pending writes. */
  async function world(contactId: string) {
    const lead = await leads().findByHubSpotId(contactId as never);
    const audit = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_events WHERE lead_id = $1', [
      lead?.id,
    ]);
    return {
      lead,
      auditRows: audit.rows[0]?.n,
      pendingWrites: await repositories(h.db).outbox.pending(),
      salesforceLeads: h.sf.records('Lead'),
      hubspotContacts: h.hs.contacts(),
    };
  }

  async function counted(outcome: string): Promise<number> {
    const metric = await h.metrics.webhookEvents.get();
    return metric.values.find((v) => v.labels.source === 'hubspot' && v.labels.outcome === outcome)?.value ?? 0;
  }

  async function refused(answer: Promise<Answer>): Promise<Answer> {
    const jobs = await inboundJobs(h);
    const answered = await answer;
    expect(await inboundJobs(h)).toBe(jobs);
    return answered;
  }

  it('a deletion from another HubSpot account is refused (403), counted, and the lead stays', async () => {
    const { contactId } = await handedOffLead('foreign-portal');
    const before = await world(contactId);
    const foreignBefore = await counted('foreign');
    const answer = await refused(
      postSignedHubSpot(h, [
        event({
          subscriptionType: 'contact.deletion',
          objectId: Number(contactId),
          portalId: h.hs.credentials.portalId + 1,
          appId: 999_001,
        }),
      ]),
    );
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 403, code: 'WEBHOOK_PORTAL_MISMATCH' });
    expect((await counted('foreign')) - foreignBefore).toBe(1);
    expect(await world(contactId)).toEqual(before);
    expect(before.lead?.retired).toBe(false);
  });

  it('a deletion from our account but another app is refused', async () => {
    const { contactId } = await handedOffLead('foreign-app');
    const before = await world(contactId);
    const answer = await refused(
      postSignedHubSpot(h, [
        event({ subscriptionType: 'contact.deletion', objectId: Number(contactId), appId: 999_002 }),
      ]),
    );
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 403, code: 'WEBHOOK_PORTAL_MISMATCH' });
    expect(await world(contactId)).toEqual(before);
  });

  it('a request mixing our events with another account’s is acknowledged for ours alone', async () => {
    const { contactId } = await handedOffLead('mixed');
    const foreignBefore = await counted('foreign');
    h.hs.user.archiveContact(contactId);
    await delivered([
      event({ subscriptionType: 'contact.deletion', objectId: Number(contactId) }),
      event({ subscriptionType: 'contact.creation', objectId: 424_242, portalId: h.hs.credentials.portalId + 1 }),
    ]);
    expect((await counted('foreign')) - foreignBefore).toBe(1);
    expect((await leads().findByHubSpotId(contactId as never))?.retired).toBe(true);
    expect(await leads().findByHubSpotId('424242' as never)).toBeNull();
  });

  it.each(['contact.deletion', 'contact.privacyDeletion'])(
    'a %s from our account for a contact that still exists is ignored',
    async (subscriptionType) => {
      const { contactId } = await handedOffLead(`still-there-${subscriptionType.slice(8)}`);
      const before = await world(contactId);
      await delivered([event({ subscriptionType, objectId: Number(contactId) })]);
      expect(await world(contactId)).toEqual(before);
      expect(h.hs.contacts().some((c) => c.id === contactId)).toBe(true);
    },
  );

  it('a deletion HubSpot confirms (the contact is gone) still retires the lead', async () => {
    const { contactId } = await handedOffLead('really-deleted');
    expect(h.hs.user.archiveContact(contactId)).toBe(true);
    await delivered([event({ subscriptionType: 'contact.deletion', objectId: Number(contactId) })]);
    expect((await leads().findByHubSpotId(contactId as never))?.retired).toBe(true);
  });

  it('a merge whose merged-away contact still reads as itself changes nothing', async () => {
    const { contactId } = await handedOffLead('not-merged');
    const [other] = h.hs.seed({ contacts: [{ email: 'other@acme-not-merged.io', firstname: 'Other' }] }).contacts;
    const before = await world(contactId);
    await delivered([
      event({
        subscriptionType: 'contact.merge',
        objectId: Number(other),
        primaryObjectId: Number(other),
        mergedObjectIds: [Number(contactId)],
        newObjectId: Number(other),
      }),
    ]);
    expect(await world(contactId)).toEqual(before);
    expect(before.lead?.hubspotContactId).toBe(contactId);
  });

  it('a merge HubSpot confirms re-points the lead to the surviving contact', async () => {
    const { contactId } = await handedOffLead('really-merged');
    const [primary] = h.hs.seed({ contacts: [{ email: 'dana@acme-really-merged.io', firstname: 'Dana' }] }).contacts;
    const survivor = h.hs.user.mergeContacts(String(primary), contactId);
    await delivered([
      event({
        subscriptionType: 'contact.merge',
        objectId: Number(survivor.id),
        primaryObjectId: Number(primary),
        mergedObjectIds: [Number(contactId)],
        newObjectId: Number(survivor.id),
      }),
    ]);
    expect((await leads().findByHubSpotId(contactId as never))?.hubspotContactId).toBe(survivor.id);
  });
});
