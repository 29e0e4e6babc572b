/**
 * Protocol time. The service, the timers and the engine read it from here so the demo can run
 * simulated business days in minutes; CRM retries and leases stay on real time.
 */
export interface Clock {
  now(): number;
  /** Real milliseconds to wait until protocol time reaches `instant` (0 if already past). */
  realDelayUntil(instant: number): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  realDelayUntil: (instant) => Math.max(0, instant - Date.now()),
};

/** Protocol time that starts at `startAt` and runs `factor` times faster than real time. */
export function acceleratedClock(startAt: number, factor: number, realNow: () => number = Date.now): Clock {
  if (!(factor > 0)) throw new RangeError('the acceleration factor must be positive');
  const realStart = realNow();
  return {
    now: () => startAt + (realNow() - realStart) * factor,
    realDelayUntil(instant) {
      const protocolNow = startAt + (realNow() - realStart) * factor;
      return Math.max(0, Math.ceil((instant - protocolNow) / factor));
    },
  };
}
