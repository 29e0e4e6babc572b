/**
 * How strong ADMIN_TOKEN must be. The token guards every lead and the queues, and an attacker who
 * spreads guesses over many addresses gets past any per-client back-off, so the token itself must
 * be out of reach: 32 characters at least, and an estimate (below) of at least 90 bits. The
 * estimate is conservative on short random strings (a random 32-character hex token, 128 real
 * bits, scores 95–120), so the floor sits under that and still refuses `aaaa…`, `abab…`,
 * `abcd…` and a word said four times.
 */
export const ADMIN_TOKEN_MIN_LENGTH = 32;
const MIN_BITS = 90;
export const MAKE_A_TOKEN = 'make one with `openssl rand -hex 32`';

/** Shannon entropy per symbol of the symbols' observed frequencies. */
function bitsPerSymbol(symbols: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / symbols.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A conservative estimate of a token's entropy: its length times the fewer bits per character of
 * (a) its characters' frequencies (`aaaa…`, `abab…` score low) and (b) the steps between neighbours
 * (`abcdef…`, `0123…` score low). Random output of `openssl rand -hex 32` scores about 240 bits.
 */
export function estimatedBits(token: string): number {
  const codes = Array.from(token, (c) => c.codePointAt(0) ?? 0);
  const steps = codes.slice(1).map((code, i) => code - (codes[i] ?? 0));
  const perChar = Math.min(bitsPerSymbol(codes), steps.length === 0 ? 0 : bitsPerSymbol(steps));
  return codes.length * perChar;
}

/** Why the token is too weak, in words, or undefined when it will do. Never echoes the token. */
export function adminTokenWeakness(token: string): string | undefined {
  if (token.length < ADMIN_TOKEN_MIN_LENGTH)
    return `too short: expected at least ${ADMIN_TOKEN_MIN_LENGTH} random characters; ${MAKE_A_TOKEN}`;
  if (estimatedBits(token) < MIN_BITS) return `too predictable (repeated or sequential characters); ${MAKE_A_TOKEN}`;
  return undefined;
}
