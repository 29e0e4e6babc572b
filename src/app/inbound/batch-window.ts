/**
 * How much longer a partial batch waits once its window has ended. The rate its ids arrived at so
 * far says when it would be full: within `maxWaitMs` of its opening it waits that long, so a burst
 * costs full batches (one call per 100 contacts) instead of one per window; a trickle that would
 * not fill it in time goes at once and keeps the window's latency.
 */
export function moreWaitMs(size: number, full: number, openMs: number, maxWaitMs: number): number {
  if (size <= 0 || size >= full || openMs <= 0) return 0;
  const fillMs = ((full - size) * openMs) / size;
  return openMs + fillMs <= maxWaitMs ? Math.ceil(fillMs) : 0;
}
