import type { Connection } from 'jsforce';
import type { DecodedChange } from '../../../connectors/salesforce/pubsub/change-event-decoder';
import { CdcSubscriber, type CdcSubscriberOptions } from '../../../connectors/salesforce/pubsub/cdc-subscriber';
import { eventually, tokenConnection, useSimulator } from './support';

/** leadpact's Change Data Capture client against the simulated org's Pub/Sub API. */

let clock = Date.now();

describe("leadpact's CDC subscriber against the simulator's Pub/Sub API", () => {
  const sim = useSimulator({ changeEvents: { keepaliveMs: 200 }, clock: () => clock });
  let subscriber: CdcSubscriber | undefined;
  let conn: Connection;

  beforeEach(() => {
    clock = Date.now();
    sim().reset();
    conn = tokenConnection(sim());
  });
  afterEach(async () => {
    await subscriber?.stop();
    subscriber = undefined;
  });

  interface Seen {
    readonly changes: DecodedChange[];
    stored: bigint | undefined;
    readonly expired: bigint[];
    refreshed: number;
  }

  function subscribe(seen: Seen, extra: Partial<CdcSubscriberOptions> = {}): Promise<void> {
    const endpoint = sim().pubsub;
    if (endpoint === undefined) throw new Error('no Pub/Sub endpoint');
    let token = sim().mintAccessToken();
    subscriber = new CdcSubscriber({
      endpoint: endpoint.address,
      trustedCertificate: endpoint.certificate,
      topic: '/data/LeadChangeEvent',
      session: () => Promise.resolve({ accessToken: token, instanceUrl: sim().url, orgId: sim().credentials.orgId }),
      refreshSession: () => {
        seen.refreshed += 1;
        token = sim().mintAccessToken();
        return Promise.resolve();
      },
      startAfter: () => Promise.resolve(seen.stored),
      onEvents: (changes, latest) => {
        seen.changes.push(...changes);
        seen.stored = latest;
        return Promise.resolve();
      },
      onReplayExpired: (replayId) => {
        seen.expired.push(replayId);
        seen.stored = undefined;
        return Promise.resolve();
      },
      batchSize: 10,
      backoffMs: { initial: 20, max: 200 },
      ...extra,
    });
    return subscriber.start();
  }

  const fresh = (): Seen => ({ changes: [], stored: undefined, expired: [], refreshed: 0 });

  async function createLead(fields: Record<string, unknown>): Promise<string> {
    const result = await conn.sobject('Lead').create({ Company: 'Acme', ...fields });
    if (!result.success) throw new Error('create failed');
    return result.id;
  }

  it('decodes a create and an update: values in REST shape, changed and nulled fields by name', async () => {
    const seen = fresh();
    await subscribe(seen);
    await eventually(() => expect(seen.stored).toBeDefined());
    const id = await createLead({ FirstName: 'Grace', LastName: 'Hopper', Title: 'Rear Admiral' });
    await conn.sobject('Lead').update({ Id: id, FirstName: 'Amazing', Title: null, Status: 'Working - Contacted' });
    await eventually(() => expect(seen.changes).toHaveLength(2));
    const [create, update] = seen.changes;
    expect(create).toMatchObject({ changeType: 'CREATE', entity: 'Lead', recordIds: [id] });
    expect(create?.fields).toMatchObject({ FirstName: 'Grace', LastName: 'Hopper', Company: 'Acme' });
    expect(create?.fields['CreatedDate']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(update?.changeType).toBe('UPDATE');
    expect([...(update?.changedFields ?? [])].sort()).toEqual(expect.arrayContaining(['FirstName', 'Status', 'Title']));
    expect(update?.nulledFields).toEqual(['Title']);
    expect(update?.fields).toEqual(
      expect.objectContaining({ FirstName: 'Amazing', Status: 'Working - Contacted', Title: null }),
    );
    expect(update?.fields).not.toHaveProperty('Company');
  });

  it('resumes after the stored replay id: nothing lost, nothing twice', async () => {
    const seen = fresh();
    await subscribe(seen);
    await eventually(() => expect(seen.stored).toBeDefined());
    await createLead({ LastName: 'First' });
    await eventually(() => expect(seen.changes).toHaveLength(1));
    await subscriber?.stop();
    await createLead({ LastName: 'Second' });
    await createLead({ LastName: 'Third' });
    await subscribe(seen);
    await eventually(() => expect(seen.changes).toHaveLength(3));
    expect(seen.changes.map((c) => c.fields['LastName'])).toEqual(['First', 'Second', 'Third']);
  });

  it('reports a replay id past the retention window, then follows from the tip', async () => {
    const seen = fresh();
    await subscribe(seen);
    await eventually(() => expect(seen.stored).toBeDefined());
    await createLead({ LastName: 'Old' });
    await eventually(() => expect(seen.changes).toHaveLength(1));
    await subscriber?.stop();
    const stale = seen.stored;
    await createLead({ LastName: 'Purged' });
    clock += 73 * 3_600_000;
    conn = tokenConnection(sim());
    await createLead({ LastName: 'Kept' });
    await subscribe(seen);
    await eventually(() => expect(seen.expired).toEqual([stale]));
    // The new subscription follows from the tip once its first keepalive is in: only then is 'New' after it.
    await eventually(() => expect(seen.stored).toBeDefined());
    await createLead({ LastName: 'New' });
    await eventually(() => expect(seen.changes.map((c) => c.fields['LastName'])).toEqual(['Old', 'New']));
  });

  it('hands over together the events that arrived while a batch was handled, and keeps asking for more', async () => {
    const seen = fresh();
    const sizes: number[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await subscribe(seen, {
      batchSize: 3,
      onEvents: async (changes, latest) => {
        if (changes.length > 0) sizes.push(changes.length);
        if (sizes.length === 1) await held;
        seen.changes.push(...changes);
        seen.stored = latest;
      },
    });
    await eventually(() => expect(seen.stored).toBeDefined());
    await createLead({ LastName: 'L1' });
    await eventually(() => expect(sizes).toEqual([1]));
    for (const n of [2, 3, 4, 5, 6]) await createLead({ LastName: `L${n}` });
    // L2 and L3 (the batch size's worth outstanding) have reached the client while L1 is in hand.
    await eventually(() => expect(subscriber?.eventsReceived).toBe(3));
    release();
    await eventually(() => expect(seen.changes).toHaveLength(6));
    expect(seen.changes.map((c) => c.fields['LastName'])).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6']);
    // Two transactions pushed one by one while the first batch was busy: handed over as one batch.
    expect(Math.max(...sizes.slice(1))).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });

  it('decodes a dropped transaction as GAP events naming the records, without values', async () => {
    const seen = fresh();
    await subscribe(seen);
    await eventually(() => expect(seen.stored).toBeDefined());
    const id = await createLead({ LastName: 'Gap' });
    sim().pubsub?.dropTransactions(1);
    await conn.sobject('Lead').update({ Id: id, Status: 'Working - Contacted' });
    await eventually(() => expect(seen.changes).toHaveLength(2));
    expect(seen.changes[1]).toMatchObject({ changeType: 'GAP_UPDATE', recordIds: [id], fields: {} });
  });

  it('refreshes an expired session and carries on', async () => {
    const seen = fresh();
    await subscribe(seen);
    await eventually(() => expect(seen.stored).toBeDefined());
    sim().expireSessions();
    await eventually(() => expect(seen.refreshed).toBeGreaterThan(0));
    conn = tokenConnection(sim());
    await createLead({ LastName: 'After' });
    await eventually(() => expect(seen.changes.map((c) => c.fields['LastName'])).toEqual(['After']));
  });
});
