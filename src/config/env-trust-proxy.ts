import { isIP } from 'node:net';

/**
 * TRUST_PROXY: which proxy in front of leadpact may tell it the client's address and scheme
 * (X-Forwarded-For, X-Forwarded-Proto). Unset: none — the socket's peer is the client, and a
 * forged X-Forwarded-For changes nothing (it would otherwise let a guesser pose as many clients
 * and escape the admin back-off). A hop count (`1`: the one proxy in front) or the proxies'
 * addresses (`loopback`, `10.0.0.0/8, 192.168.1.4`) as express takes them. `true` (trust anyone)
 * is refused: it makes every forwarded header believable.
 */
export type TrustProxy = false | number | readonly string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validAddress(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^[0-9]{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/** The setting, or what is wrong with it in words. */
export function parseTrustProxy(value: string): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const text = value.trim().toLowerCase();
  if (text === 'false' || text === '0' || text === 'off') return { ok: true, value: false };
  if (/^[1-9][0-9]?$/.test(text)) return { ok: true, value: Number(text) };
  if (text === 'true')
    return {
      ok: false,
      message: 'say which proxies to trust: a hop count (1) or their addresses (loopback, 10.0.0.0/8)',
    };
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !validAddress(entry));
  if (bad.length > 0)
    return {
      ok: false,
      message: `expected a hop count or proxy addresses (an IP, a CIDR, loopback, linklocal, uniquelocal); not ${bad.map((b) => JSON.stringify(b.slice(0, 40))).join(', ')}`,
    };
  return { ok: true, value: entries };
}
