import { createRateLimiter } from '../../../connectors/hubspot/rate-limiter';

beforeEach(() => {
  jest.useFakeTimers({ now: Date.parse('2025-01-01T00:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Acquires `count` slots, advancing fake time as the limiter asks; returns when each was granted. */
async function grants(limiter: ReturnType<typeof createRateLimiter>, count: number): Promise<number[]> {
  const granted: number[] = [];
  const all = Array.from({ length: count }, () =>
    limiter.acquire().then((release) => {
      granted.push(Date.now());
      release();
    }),
  );
  while (granted.length < count) await jest.advanceTimersByTimeAsync(10);
  await Promise.all(all);
  return granted;
}

function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('createRateLimiter', () => {
  it('never lets more than the budget through in any rolling window, yet uses at least 90 % of the limit', async () => {
    const limiter = createRateLimiter({ limit: 190, windowMs: 10_000 });
    const started = Date.now();
    const count = 6 * 188;
    const times = await grants(limiter, count);
    expect(maxInAnyWindow(times, 10_000)).toBeLessThanOrEqual(188);
    // Over whole windows: until the last request granted has aged out of the window (plus the pad).
    const perTenSeconds = count / ((times[times.length - 1]! + 10_050 - started) / 10_000);
    expect(perTenSeconds).toBeGreaterThanOrEqual(0.9 * 190);
  });

  it('serves waiters in arrival order', async () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 1_000, padMs: 0 });
    const order: number[] = [];
    const all = [1, 2, 3, 4, 5].map((n) =>
      limiter.acquire().then((release) => {
        order.push(n);
        release();
      }),
    );
    await jest.advanceTimersByTimeAsync(2_000);
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds every caller during a pause (a 429 Retry-After)', async () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 10_000 });
    limiter.pauseFor(3_000);
    const started = Date.now();
    const [granted] = await grants(limiter, 1);
    expect(granted! - started).toBeGreaterThanOrEqual(3_000);
    expect(limiter.stats()).toMatchObject({ pauses: 1, acquired: 1 });
  });

  it('reports the budget left in the window, and counts requests the server saw from elsewhere', async () => {
    const limiter = createRateLimiter({ limit: 100, windowMs: 10_000 });
    expect(limiter.remaining()).toBe(99);
    await grants(limiter, 10);
    expect(limiter.remaining()).toBe(89);
    limiter.observe(40);
    expect(limiter.remaining()).toBe(39);
    limiter.observe(40);
    expect(limiter.remaining()).toBe(39);
    await jest.advanceTimersByTimeAsync(10_100);
    expect(limiter.remaining()).toBe(99);
  });

  it('counts a request until one window after its answer, however long it took', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, padMs: 0 });
    const slow = await limiter.acquire();
    let next = false;
    void limiter.acquire().then((release) => {
      next = true;
      release();
    });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(next).toBe(false);
    slow();
    await jest.advanceTimersByTimeAsync(999);
    expect(next).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(next).toBe(true);
  });
});
