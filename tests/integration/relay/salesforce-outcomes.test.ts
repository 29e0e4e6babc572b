import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';
import { inboundJobSchema } from '../../../src/app/inbound/inbound.schema';
import { outcomeQueue, type OutcomeSink } from '../../../src/app/inbound/write-outcomes';
import { createOwnerPicker } from '../../../src/app/relay/owner-picker';
import { salesforceSender } from '../../../src/app/relay/salesforce-sender';
import type { HandoffEffect } from '../../../src/protocol';
import { closeRedis, createRedis } from '../../../src/queue/connection';
import { createPauseGate } from '../../../src/queue/pause-gate';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { silentLogger } from '../../../src/shared/logger';
import { hubSpotContactId, leadId, salesforceId, type SalesforceId } from '../../../src/shared/ids';
import type { OutboxRow } from '../../../src/store';
import { exampleProtocol } from '../../unit/protocol/fixtures';
import { TEST_REDIS_URL } from '../../support/redis-server';

const LEAD = leadId('6f1c3a52-5d0e-4a7b-9c4e-1d2f3a4b5c6d');
const AT = Date.parse('2026-06-01T10:00:00Z');

const handoff = (owner: SalesforceId): HandoffEffect => ({
  type: 'salesforce.handoff',
  leadId: LEAD,
  handoffKey: `${LEAD}:handoff:1`,
  hubspotContactId: hubSpotContactId('101'),
  email: 'ada@lovelace.io',
  emailDomain: 'lovelace.io',
  target: 'lead',
  preferAccountOwner: false,
  existing: null,
  leadFields: {
    LastName: 'Lovelace',
    Company: 'Lovelace Ltd',
    Email: 'ada@lovelace.io',
    Status: 'Open - Not Contacted',
    HubSpot_Contact_Id__c: '101',
  },
  contactFields: { LastName: 'Lovelace', HubSpot_Contact_Id__c: '101' },
  routing: { territory: 'emea', calendar: 'emea', matched: 'territory', assign: { kind: 'owner', ownerId: owner } },
});

function row(owner: SalesforceId, attempts = 0): OutboxRow {
  return {
    id: '1',
    leadId: LEAD,
    crm: 'salesforce',
    kind: 'handoff',
    payload: JSON.parse(JSON.stringify(handoff(owner))) as unknown,
    priority: 0,
    attempts,
    createdAt: AT,
    changedAt: null,
  };
}

describe('the Salesforce relay reports a hand-off as an event for the inbound path', () => {
  const prefix = `{lp-test-${randomBytes(4).toString('hex')}}`;
  let sim: SalesforceSimulator;
  let port: SalesforcePort & { close(): Promise<void> };
  let redis: Redis;
  let queues: Queues;
  /** A sales rep of the simulated org. */
  let rep: SalesforceId;

  beforeAll(async () => {
    sim = await startSalesforceSimulator();
    const { userIds, integrationUserId } = sim.defaults();
    rep = salesforceId(userIds.find((id) => id !== integrationUserId) ?? integrationUserId);
    const { clientId, clientSecret, username, password, securityToken } = sim.credentials;
    port = await createSalesforceConnector({
      auth: { kind: 'password', clientId, clientSecret, username, password: password + securityToken },
      loginUrl: sim.url,
      apiVersion: '62.0',
    });
    await port.provisionFields([
      {
        object: 'Lead',
        name: 'HubSpot_Contact_Id__c',
        label: 'HubSpot Contact Id',
        type: 'Text',
        length: 32,
        externalId: true,
        unique: true,
      },
    ]);
    redis = createRedis(TEST_REDIS_URL, 'worker', silentLogger());
    queues = createQueues(redis, prefix);
  });
  afterAll(async () => {
    await queues.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await closeRedis(redis);
    await port.close();
    await sim.close();
  });

  const sender = (outcomes: OutcomeSink) =>
    salesforceSender({
      port,
      picker: createOwnerPicker(redis, prefix),
      protocol: exampleProtocol(),
      clock: { now: () => AT },
      logger: silentLogger(),
      outcomes,
      gate: createPauseGate(redis, prefix),
      maxAttempts: 10,
    });

  it('writes the Lead, queues salesforce.handoff.completed for the lead, and only then reports the row done', async () => {
    const send = sender(outcomeQueue(queues.inbound));
    expect(await send([row(rep)])).toEqual([{ kind: 'done' }]);
    const [lead] = sim.records('Lead');
    expect(lead).toMatchObject({ HubSpot_Contact_Id__c: '101', OwnerId: rep });

    const jobs = await queues.inbound.getJobs(['waiting']);
    expect(jobs).toHaveLength(1);
    expect(inboundJobSchema.parse(jobs[0]?.data)).toEqual({
      source: 'outcome',
      outcomes: [
        {
          leadId: LEAD,
          event: {
            type: 'salesforce.handoff.completed',
            id: `${LEAD}:handoff:1:completed`,
            at: AT,
            salesforceId: lead?.Id,
            object: 'Lead',
            handoffKey: `${LEAD}:handoff:1`,
            ownerId: rep,
            created: true,
          },
        },
      ],
    });

    // A retried send (the row's outcome was lost) writes the same Lead and queues no second job.
    expect(await send([row(rep, 1)])).toEqual([{ kind: 'done' }]);
    expect(sim.records('Lead')).toHaveLength(1);
    expect(await queues.inbound.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('retries the row when the outcome cannot be queued, instead of losing it', async () => {
    const send = sender({
      enqueue: () => Promise.reject(new Error('Redis is down')),
    });
    expect(await send([row(rep)])).toEqual([{ kind: 'retry', code: 'QUEUE_UNAVAILABLE', message: 'Redis is down' }]);
  });
});
