import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { createEchoMemory } from '../../src/queue/echo-memory';
import { createPauseGate } from '../../src/queue/pause-gate';
import { silentLogger } from '../../src/shared/logger';
import { TEST_REDIS_URL } from '../support/redis-server';

describe('coordination through Redis', () => {
  const prefix = `{lp-test-${randomBytes(4).toString('hex')}}`;
  let a: Redis;
  let b: Redis;

  beforeAll(() => {
    a = createRedis(TEST_REDIS_URL, 'worker', silentLogger());
    b = createRedis(TEST_REDIS_URL, 'worker', silentLogger());
  });
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length > 0) await a.del(...keys);
    await closeRedis(a);
    await closeRedis(b);
  });

  it('a pause seen by one process holds every process, and a shorter pause never shortens it', async () => {
    const gateA = createPauseGate(a, prefix);
    const gateB = createPauseGate(b, prefix);
    expect(await gateB.remaining('hubspot')).toBe(0);
    await gateA.pause('hubspot', 5_000, 'TEN_SECONDLY_ROLLING');
    await gateA.pause('hubspot', 100, 'shorter');
    expect(await gateB.remaining('hubspot')).toBeGreaterThan(4_000);
    expect(await gateB.remaining('salesforce')).toBe(0);
  });

  it('recognises the echo of our own write, and only that value', async () => {
    const memory = createEchoMemory(a, prefix);
    await memory.remember('hubspot', [
      { recordId: '101', fields: { leadpact_stage: 'handed_off', leadpact_time_to_accept_min: 42 } },
    ]);
    expect(
      await createEchoMemory(b, prefix).areEchoes('hubspot', [
        { recordId: '101', field: 'leadpact_stage', value: 'handed_off' },
        { recordId: '101', field: 'leadpact_time_to_accept_min', value: '42' },
        { recordId: '101', field: 'leadpact_stage', value: 'accepted' },
        { recordId: '102', field: 'leadpact_stage', value: 'handed_off' },
      ]),
    ).toEqual([true, true, false, false]);
  });
});
