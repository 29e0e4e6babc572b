import { lowPriorityGate } from '../../../src/queue/budget';

const usage = (dailyUsed: number | null, dailyLimit: number | null) => () => ({
  calls: 0,
  dailyUsed,
  dailyLimit,
  windowRemaining: null,
  windowLimit: null,
});

describe('the low-priority gate (reconciliation yields to live work)', () => {
  it('goes when the figures are unknown or there is room', async () => {
    expect(await lowPriorityGate(usage(null, null))()).toBe('go');
    expect(await lowPriorityGate(usage(100, 1_000), { limit: 100, remaining: () => 80 })()).toBe('go');
  });

  it('skips the round once 90 % of the daily allocation is used', async () => {
    expect(await lowPriorityGate(usage(900, 1_000))()).toBe('skip');
  });

  it('waits until a quarter of the rate window is free', async () => {
    let remaining = 10;
    let freed = false;
    setTimeout(() => {
      remaining = 50;
      freed = true;
    }, 300);
    expect(await lowPriorityGate(usage(null, null), { limit: 100, remaining: () => remaining })()).toBe('go');
    // It went only once live work had left room.
    expect(freed).toBe(true);
  });
});
