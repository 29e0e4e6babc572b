import { isIPv6 } from 'node:net';

/**
 * Per-client back-off after wrong admin tokens. Five wrong tokens are free (a typo, a stale
 * script); from the fifth on, the client waits 1 s, then 2, 4, … up to 15 minutes, during which
 * every token it sends is refused unread — the right one too, or the waits would still tell a
 * guesser when it had found it. An hour without a failure forgets the client. At most
 * MAX_CLIENTS are remembered (the oldest failure is forgotten first), so a flood of addresses
 * cannot exhaust memory. The state is per process; the token's strength (checked at start-up)
 * is what defeats guesses spread over many addresses or processes.
 */
const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_CLIENTS = 10_000;

interface ClientState {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

export class AuthThrottle {
  private readonly clients = new Map<string, ClientState>();

  constructor(private readonly now: () => number) {}

  /** How long `client` must still wait, in ms; 0 when it may try. */
  waitMs(client: string): number {
    const state = this.current(client);
    return state === undefined ? 0 : Math.max(0, state.blockedUntil - this.now());
  }

  /** Records a wrong token; returns how many in a row and the wait now imposed (ms, 0 while free). */
  fail(client: string): { failures: number; waitMs: number } {
    const now = this.now();
    const state = this.current(client) ?? { failures: 0, blockedUntil: 0, lastFailure: now };
    state.failures++;
    state.lastFailure = now;
    const waitMs =
      state.failures < FREE_FAILURES
        ? 0
        : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (state.failures - FREE_FAILURES));
    state.blockedUntil = now + waitMs;
    // Re-inserting keeps the map in order of last failure, so the first key is the stalest.
    this.clients.delete(client);
    this.clients.set(client, state);
    if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value ?? client);
    return { failures: state.failures, waitMs };
  }

  /** The right token, outside any wait: the client starts afresh. */
  succeed(client: string): void {
    this.clients.delete(client);
  }

  private current(client: string): ClientState | undefined {
    const state = this.clients.get(client);
    if (state !== undefined && this.now() - state.lastFailure > FORGET_AFTER_MS && this.now() >= state.blockedUntil) {
      this.clients.delete(client);
      return undefined;
    }
    return state;
  }
}

/**
 * Who a request comes from, for the back-off: the address express reports (the socket's, or with
 * TRUST_PROXY the one the trusted proxy forwarded), an IPv6 address by its /64 network, since one
 * host usually holds a whole /64.
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4?.[1] !== undefined) return v4[1];
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') && tail !== '' ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
