import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRedis, createRedis } from '../../jobs/connection';
import { createEchoMemory } from '../../jobs/echo-memory';
import { createPauseGate } from '../../jobs/pause-gate';
import { createRateWindow } from '../../jobs/rate-window';
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

  it('two processes together never exceed the shared window, and backfill leaves room for hand-offs', async () => {
    const options = { key: `${prefix}:rate:hubspot`, limit: 20, windowMs: 60_000 };
    const one = createRateWindow(a, options);
    const two = createRateWindow(b, options);
    const grants = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).tryAcquire(2)));
    // Backfill (priority 2) may fill 75 % of the window: 15 of 20.
    expect(grants.filter((wait) => wait === 0)).toHaveLength(15);
    expect(grants.filter((wait) => wait > 0).every((wait) => wait <= 60_001)).toBe(true);
    // Updates may go to 90 % (3 more), hand-offs to the full window (2 more), then everyone waits.
    const updates = await Promise.all([1, 2, 3, 4].map(() => one.tryAcquire(1)));
    expect(updates.filter((wait) => wait === 0)).toHaveLength(3);
    const handoffs = await Promise.all([1, 2, 3].map(() => two.tryAcquire(0)));
    expect(handoffs.filter((wait) => wait === 0)).toHaveLength(2);
    expect(await one.used()).toBe(20);
  });

  it('grants again once the oldest calls leave the window', async () => {
    const window = createRateWindow(a, { key: `${prefix}:rate:short`, limit: 3, windowMs: 200 });
    for (let i = 0; i < 3; i++) expect(await window.tryAcquire(0)).toBe(0);
    const wait = await window.tryAcquire(0);
    expect(wait).toBeGreaterThan(0);
    await window.acquire(0);
    expect(await window.used()).toBeLessThanOrEqual(3);
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
    await memory.remember('hubspot', [{ recordId: '101', fields: { leadpact_stage: 'handed_off', leadpact_time_to_accept_min: 42 } }]);
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
