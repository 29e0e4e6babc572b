import PubSubApiClient from 'salesforce-pubsub-api-client';
import { eventually, tokenConnection, useSimulator } from './support';

/**
 * The simulator's Pub/Sub API as a client nobody here wrote sees it: salesforce-pubsub-api-client
 * authenticates with the session headers, subscribes, fetches the schema and decodes the Avro
 * payloads and the bitmap-encoded field lists itself.
 */

interface Received {
  readonly replayId: number;
  readonly payload: {
    readonly ChangeEventHeader: {
      readonly entityName: string;
      readonly recordIds: readonly string[];
      readonly changeType: string;
      readonly transactionKey: string;
      readonly sequenceNumber: number;
      readonly commitUser: string;
      readonly changedFields: readonly string[];
      readonly nulledFields: readonly string[];
    };
    readonly [field: string]: unknown;
  };
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('Salesforce simulator: the Pub/Sub API, through salesforce-pubsub-api-client', () => {
  const sim = useSimulator({ changeEvents: { keepaliveMs: 1_000 } });
  let client: PubSubApiClient | undefined;

  beforeEach(() => sim().reset());
  afterEach(() => client?.close());

  async function connect(accessToken: string = sim().mintAccessToken()): Promise<PubSubApiClient> {
    const endpoint = sim().pubsub;
    if (endpoint === undefined) throw new Error('the simulator has no Pub/Sub endpoint');
    client = new PubSubApiClient(
      {
        authType: 'user-supplied',
        accessToken,
        // The client insists on an https instance URL; the host is what identifies the instance.
        instanceUrl: sim().url.replace('http://', 'https://'),
        organizationId: sim().credentials.orgId,
        pubSubEndpoint: endpoint.address,
        // The endpoint's certificate is self-signed; this client has no option to trust one by name.
        rejectUnauthorizedSsl: false,
      },
      quiet,
    );
    await client.connect();
    return client;
  }

  function collect(pubsub: PubSubApiClient, topic: string, count: number) {
    const events: Received[] = [];
    const errors: unknown[] = [];
    pubsub.subscribeFromEarliestEvent(
      topic,
      (_info, type, data) => {
        if (type === 'event') events.push(data as Received);
        if (type === 'error') errors.push(data);
      },
      count,
    );
    return { events, errors };
  }

  it('streams a Lead created, then updated, with the changed and nulled fields decoded', async () => {
    const pubsub = await connect();
    const { events, errors } = collect(pubsub, '/data/LeadChangeEvent', 2);
    const conn = tokenConnection(sim());
    const created = await conn.sobject('Lead').create({
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Company: 'Analytical Engines',
      Title: 'Countess',
    });
    if (!created.success) throw new Error('create failed');
    await conn
      .sobject('Lead')
      .update({ Id: created.id, FirstName: 'Augusta', Status: 'Working - Contacted', Title: null });

    await eventually(() => expect(events).toHaveLength(2));
    expect(errors).toEqual([]);
    const [create, update] = events;
    expect(create?.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Lead',
      recordIds: [created.id],
      changeType: 'CREATE',
      changedFields: [],
      sequenceNumber: 1,
    });
    expect(create?.payload).toMatchObject({
      Company: 'Analytical Engines',
      Name: { FirstName: 'Ada', LastName: 'Lovelace' },
    });
    expect(update?.payload.ChangeEventHeader.changeType).toBe('UPDATE');
    expect(update?.payload.ChangeEventHeader.changedFields).toEqual(
      expect.arrayContaining(['Status', 'Title', 'Name.FirstName']),
    );
    expect(update?.payload.ChangeEventHeader.changedFields).not.toContain('Company');
    expect(update?.payload.ChangeEventHeader.nulledFields).toEqual(['Title']);
    expect(update?.payload).toMatchObject({ Status: 'Working - Contacted', Company: null, Title: null });
    expect(update?.payload.ChangeEventHeader.commitUser).toBe(sim().defaults().adminUserId);
    expect(update?.replayId).toBeGreaterThan(create?.replayId ?? Infinity);
  });

  it('keeps to num_requested: events beyond it wait for the next request', async () => {
    const pubsub = await connect();
    const { events } = collect(pubsub, '/data/ChangeEvents', 1);
    const conn = tokenConnection(sim());
    await conn.sobject('Lead').create([
      { LastName: 'One', Company: 'A' },
      { LastName: 'Two', Company: 'B' },
    ]);
    await eventually(() => expect(events).toHaveLength(1));
    pubsub.requestAdditionalEvents('/data/ChangeEvents', 5);
    await eventually(() => expect(events).toHaveLength(2));
    expect(events.map((e) => e.payload.ChangeEventHeader.sequenceNumber)).toEqual([1, 2]);
    expect(new Set(events.map((e) => e.payload.ChangeEventHeader.transactionKey)).size).toBe(1);
  });

  it('streams a custom channel made through the Tooling API, carrying only its members', async () => {
    const conn = tokenConnection(sim());
    const channel = await conn.tooling
      .sobject('PlatformEventChannel')
      .create({ FullName: 'Leadpact__chn', Metadata: { channelType: 'data', label: 'leadpact' } });
    expect(channel.success).toBe(true);
    await conn.tooling.sobject('PlatformEventChannelMember').create({
      FullName: 'Leadpact_chn_LeadChangeEvent',
      Metadata: { eventChannel: 'Leadpact__chn', selectedEntity: 'LeadChangeEvent' },
    });
    const pubsub = await connect();
    const { events } = collect(pubsub, '/data/Leadpact__chn', 5);
    await conn.sobject('Contact').create({ LastName: 'Not a member' });
    const lead = await conn.sobject('Lead').create({ LastName: 'Member', Company: 'Acme' });
    await eventually(() => expect(events).toHaveLength(1));
    expect(events[0]?.payload.ChangeEventHeader).toMatchObject({ entityName: 'Lead', recordIds: [lead.id] });
  });

  it('refuses a session that is not live, with UNAUTHENTICATED and the auth error code', async () => {
    const pubsub = await connect('00D000000000001!AQnotasession');
    const { events, errors } = collect(pubsub, '/data/LeadChangeEvent', 1);
    await eventually(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatchObject({ code: 16 });
    expect((errors[0] as { metadata: { get(key: string): unknown[] } }).metadata.get('error-code')).toEqual([
      'sfdc.platform.eventbus.grpc.service.auth.error',
    ]);
    expect(events).toEqual([]);
  });
});
