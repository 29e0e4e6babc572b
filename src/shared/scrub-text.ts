/**
 * Masks e-mail addresses, phone numbers and tokens inside free text (log messages, vendor error
 * strings). Hand-written scanners rather than regular expressions: the expressions this replaces
 * backtracked quadratically (6–10 s on a 64 KB string of letters), and a log line must never cost
 * that. Each pass visits a character a bounded number of times — a failed attempt never rescans
 * what a later attempt will scan — so the work is linear in the text's length, which is capped.
 */

/** Work done, in characters visited; tests read it to check the scan stays linear. */
export interface ScrubMeter {
  steps: number;
}

/** Longer text is cut (saying how much was left out): a log line carries a message, not a payload. */
export const MAX_SCRUBBED_CHARS = 16_384;
/** How far back from the cap to look for a place to cut that splits no secret. */
const CUT_LOOKBACK = 512;

type CharClass = (code: number) => boolean;

/** 'A-Za-z0-9._' → a predicate over char codes (ASCII only, like the patterns it stands for). */
function charClass(spec: string): CharClass {
  const table = new Uint8Array(128);
  for (let i = 0; i < spec.length; i++) {
    const from = spec.charCodeAt(i);
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = from; c <= spec.charCodeAt(i + 2); c++) table[c] = 1;
      i += 2;
    } else table[from] = 1;
  }
  return (code) => code < 128 && table[code] === 1;
}

const EMAIL_LOCAL = charClass('A-Za-z0-9._%+-');
const EMAIL_DOMAIN = charClass('A-Za-z0-9.-');
const LETTER = charClass('A-Za-z');
const DIGIT = charClass('0-9');
const WORD = charClass('A-Za-z0-9_');
const ALNUM = charClass('A-Za-z0-9');
const LOWER_ALNUM = charClass('a-z0-9');
const SPACE = charClass(' \t\n\r\f\v');
const BEARER_TOKEN = charClass('A-Za-z0-9._~+/!=-');
const SESSION_TOKEN = charClass('A-Za-z0-9._-');
const HUBSPOT_TAIL = charClass('A-Za-z0-9-');
const PHONE_BODY = charClass('0-9 ().-');

/** Where the run of `cls` starting at `from` ends (exclusive), counting each character visited. */
function runEnd(text: string, from: number, cls: CharClass, meter: ScrubMeter, limit = text.length): number {
  let j = from;
  while (j < limit && cls(text.charCodeAt(j))) j++;
  meter.steps += j - from;
  return j;
}

const AT = 64;
const DOT = 46;
const BANG = 33;
const DASH = 45;
const PLUS = 43;
const OPEN_PARENTHESIS = 40;

const wordStart = (text: string, i: number): boolean => i === 0 || !WORD(text.charCodeAt(i - 1));

/**
 * One left-to-right pass: `match(i)` returns where a secret starting at i ends (or -1) and what
 * replaces it; a miss's `skipTo` lets it say that no attempt before that index can succeed.
 */
type Attempt =
  | { readonly hit: false; readonly skipTo: number }
  | { readonly hit: true; readonly from: number | undefined; readonly end: number; readonly replacement: string };

const miss = (skipTo = 0): Attempt => ({ hit: false, skipTo });
const hit = (end: number, replacement: string, from?: number): Attempt => ({ hit: true, from, end, replacement });

function replaceAll(text: string, meter: ScrubMeter, match: (i: number) => Attempt): string {
  let out = '';
  let emitted = 0;
  for (let i = 0; i < text.length; i++) {
    meter.steps++;
    const attempt = match(i);
    if (!attempt.hit) {
      if (attempt.skipTo > i + 1) i = attempt.skipTo - 1;
      continue;
    }
    out += text.slice(emitted, attempt.from ?? i) + attempt.replacement;
    emitted = attempt.end;
    i = attempt.end - 1;
  }
  return emitted === 0 ? text : out + text.slice(emitted);
}

/** [local]@[domain].[tld]: the local part is the run before the @, tracked as the scan goes. */
function maskEmails(text: string, meter: ScrubMeter): string {
  let localStart = 0;
  return replaceAll(text, meter, (i) => {
    const code = text.charCodeAt(i);
    if (code !== AT || localStart >= i) {
      if (!EMAIL_LOCAL(code)) localStart = i + 1;
      return miss();
    }
    const from = localStart;
    localStart = i + 1;
    // The domain's run ends at the first character outside it (never an @), so domain scans never overlap.
    const end = domainEnd(text, i + 1, meter);
    if (end < 0) return miss();
    localStart = end;
    return hit(end, '[email]', from);
  });
}

/** The furthest end of `name.tld` (a dot, then two letters or more) within the domain's run; -1 if none. */
function domainEnd(text: string, from: number, meter: ScrubMeter): number {
  let best = -1;
  let lettersAfterDot = -1;
  let j = from;
  for (; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (!EMAIL_DOMAIN(code)) break;
    if (code === DOT) lettersAfterDot = j > from ? 0 : -1;
    else if (lettersAfterDot >= 0 && LETTER(code)) {
      lettersAfterDot++;
      if (lettersAfterDot >= 2) best = j + 1;
    } else lettersAfterDot = -1;
  }
  meter.steps += j - from;
  return best;
}

/** `Bearer <token>` / `OAuth <token>`, in any case: the keyword stays, the token goes. */
function maskBearer(text: string, meter: ScrubMeter): string {
  return replaceAll(text, meter, (i) => {
    if (!wordStart(text, i)) return miss();
    const keyword = ['bearer', 'oauth'].find((k) => text.slice(i, i + k.length).toLowerCase() === k);
    if (keyword === undefined) return miss();
    const spaceEnd = runEnd(text, i + keyword.length, SPACE, meter);
    if (spaceEnd === i + keyword.length) return miss();
    const end = runEnd(text, spaceEnd, BEARER_TOKEN, meter);
    if (end === spaceEnd) return miss(spaceEnd);
    return hit(end, `${text.slice(i, i + keyword.length)} [redacted]`);
  });
}

/** A Salesforce session id: the org id (00D + 12 or 15), '!', the session's secret part. */
function maskSalesforceSessions(text: string, meter: ScrubMeter): string {
  return replaceAll(text, meter, (i) => {
    if (!text.startsWith('00D', i) || !wordStart(text, i)) return miss();
    const orgEnd = runEnd(text, i + 3, ALNUM, meter, i + 3 + 16);
    if (orgEnd - (i + 3) < 12 || orgEnd - (i + 3) > 15 || text.charCodeAt(orgEnd) !== BANG) return miss();
    const end = runEnd(text, orgEnd + 1, SESSION_TOKEN, meter);
    return end === orgEnd + 1 ? miss() : hit(end, '[session]');
  });
}

/** A HubSpot private app token: pat-<region>-<secret>. */
function maskHubSpotTokens(text: string, meter: ScrubMeter): string {
  return replaceAll(text, meter, (i) => {
    if (!text.startsWith('pat-', i) || !wordStart(text, i)) return miss();
    const regionEnd = runEnd(text, i + 4, LOWER_ALNUM, meter);
    // No 'pat-' can start inside the region's run (it holds no '-'), so skipping it loses nothing.
    if (regionEnd === i + 4 || text.charCodeAt(regionEnd) !== DASH) return miss(regionEnd);
    const end = runEnd(text, regionEnd + 1, HUBSPOT_TAIL, meter);
    return end === regionEnd + 1 ? miss(regionEnd) : hit(end, '[token]');
  });
}

/** Phone numbers: a leading + or ( and at least 7 digits with separators; plain ids and timestamps stay. */
function maskPhones(text: string, meter: ScrubMeter): string {
  return replaceAll(text, meter, (i) => {
    const code = text.charCodeAt(i);
    const opens = code === PLUS || code === OPEN_PARENTHESIS;
    if (!opens || !DIGIT(text.charCodeAt(i + 1))) return miss();
    let lastDigit = i + 1;
    let j = i + 2;
    for (; j < text.length && PHONE_BODY(text.charCodeAt(j)); j++) if (DIGIT(text.charCodeAt(j))) lastDigit = j;
    meter.steps += j - (i + 2);
    // Every '(' later in this run ends at the same last digit, even nearer its start: none can match either.
    if (lastDigit - (i + 1) < 7) return miss(j);
    return hit(lastDigit + 1, '[phone]');
  });
}

/**
 * Cuts text past the cap at a space, so no e-mail or token is cut in two (none holds a space), and
 * not between a phone number's groups (a space after a digit, a bracket or a dash).
 */
function capped(text: string): { head: string; dropped: number } {
  if (text.length <= MAX_SCRUBBED_CHARS) return { head: text, dropped: 0 };
  const safeCut = (p: number) => SPACE(text.charCodeAt(p)) && !PHONE_BODY(text.charCodeAt(p - 1));
  let cut = MAX_SCRUBBED_CHARS;
  while (cut > MAX_SCRUBBED_CHARS - CUT_LOOKBACK && !safeCut(cut)) cut--;
  // No space in the look-back: a run that long is no single secret's, so the cap will do.
  if (cut === MAX_SCRUBBED_CHARS - CUT_LOOKBACK) cut = MAX_SCRUBBED_CHARS;
  return { head: text.slice(0, cut), dropped: text.length - cut };
}

/** Masks e-mail addresses, phone numbers and tokens inside free text; text past the cap is left out. */
export function scrubText(text: string, meter: ScrubMeter = { steps: 0 }): string {
  const { head, dropped } = capped(text);
  let out = maskEmails(head, meter);
  out = maskBearer(out, meter);
  out = maskSalesforceSessions(out, meter);
  out = maskHubSpotTokens(out, meter);
  out = maskPhones(out, meter);
  return dropped === 0 ? out : `${out}… [${dropped} more characters left out]`;
}
