import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createSalesforceConnector } from '../../../connectors/salesforce/salesforce-connector';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../../connectors/salesforce/simulator';
import { inboundJobSchema } from '../../../src/app/inbound/inbound.schema';
import { outcomeQueue } from '../../../src/app/inbound/write-outcomes';
import { DEFAULT_SALESFORCE_FIELDS } from '../../../src/app/provision-specs';
import { createOwnerPicker } from '../../../src/app/relay/owner-picker';
import { salesforceSender } from '../../../src/app/relay/salesforce-sender';
import type { SalesforceUpdateEffect } from '../../../src/protocol';
import { closeRedis, createRedis } from '../../../src/queue/connection';
import { createPauseGate } from '../../../src/queue/pause-gate';
import { createQueues, type Queues } from '../../../src/queue/queues';
import { leadId, salesforceId } from '../../../src/shared/ids';
import { silentLogger } from '../../../src/shared/logger';
import type { OutboxRow } from '../../../src/store';
import { exampleProtocol } from '../../unit/protocol/fixtures';
import { TEST_REDIS_URL } from '../../support/redis-server';

const LEAD = leadId('0b6f3c1e-7a2d-4e5f-8a9b-1c2d3e4f5a6b');
const AT = Date.parse('2026-06-01T10:00:00Z');

function updateRow(id: string, effect: SalesforceUpdateEffect): OutboxRow {
  return {
    id,
    leadId: LEAD,
    crm: 'salesforce',
    kind: 'update',
    payload: JSON.parse(JSON.stringify(effect)) as unknown,
    priority: 0,
    attempts: 0,
    createdAt: AT,
    changedAt: null,
  };
}

describe('a write to a Lead a rep has converted', () => {
  const prefix = `{lp-test-${randomBytes(4).toString('hex')}}`;
  let sim: SalesforceSimulator;
  let port: Awaited<ReturnType<typeof createSalesforceConnector>>;
  let redis: Redis;
  let queues: Queues;

  beforeAll(async () => {
    sim = await startSalesforceSimulator();
    const { clientId, clientSecret, username, password, securityToken } = sim.credentials;
    port = await createSalesforceConnector({
      auth: { kind: 'password', clientId, clientSecret, username, password: password + securityToken },
      loginUrl: sim.url,
      apiVersion: '62.0',
    });
    await port.provisionFields(DEFAULT_SALESFORCE_FIELDS);
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

  it('goes to the Contact it became, not to the dead letters, and the engine hears of the conversion', async () => {
    const { userIds, integrationUserId } = sim.defaults();
    const rep = userIds.find((id) => id !== integrationUserId) ?? integrationUserId;
    const [leadSfId] = sim.seed('Lead', [
      { LastName: 'Lovelace', Company: 'Lovelace Ltd', Email: 'ada@lovelace.io', OwnerId: rep },
    ]);
    const conversion = sim.convertLead(String(leadSfId), { asUser: rep });
    const before = sim.calls().total;

    const send = salesforceSender({
      port,
      picker: createOwnerPicker(redis, prefix),
      protocol: exampleProtocol(),
      clock: { now: () => AT },
      logger: silentLogger(),
      outcomes: outcomeQueue(queues.inbound),
      gate: createPauseGate(redis, prefix),
      maxAttempts: 10,
    });
    const effect = (fields: Record<string, string>): SalesforceUpdateEffect => ({
      type: 'salesforce.update',
      leadId: LEAD,
      salesforceId: salesforceId(String(leadSfId)),
      object: 'Lead',
      fields,
    });
    const outcomes = await send([
      updateRow('1', effect({ SLA_Status__c: 'Met', Company: 'Lovelace Ltd' })),
      updateRow('2', effect({ Lead_Protocol_Stage__c: 'accepted' })),
    ]);

    expect(outcomes).toEqual([{ kind: 'done' }, { kind: 'done' }]);
    const contact = sim.records('Contact').find((c) => c['Id'] === conversion.contactId);
    expect(contact).toMatchObject({ SLA_Status__c: 'Met', Lead_Protocol_Stage__c: 'accepted' });
    // The refused update, one read of the Lead, one update of the Contact.
    expect(sim.calls().total - before).toBe(3);

    const jobs = await queues.inbound.getJobs(['waiting']);
    expect(jobs.map((job) => inboundJobSchema.parse(job.data))).toEqual([
      {
        source: 'outcome',
        outcomes: [
          {
            leadId: LEAD,
            event: expect.objectContaining({
              type: 'salesforce.lead.converted',
              salesforceId: leadSfId,
              contactId: conversion.contactId,
              accountId: conversion.accountId,
            }),
          },
        ],
      },
    ]);
  });
});
