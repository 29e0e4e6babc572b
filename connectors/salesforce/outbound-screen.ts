import { InputError } from '../../src/shared/errors';
import { err, ok, type Result } from '../../src/shared/result';

/**
 * The checks an outbound message passes before any XML parser sees it, each a linear scan of the
 * raw bytes: size, no DTD, our organization (found in the first bytes, where Salesforce puts it),
 * and bounded markup. The body is then cut at its Notification elements so each piece is parsed on
 * its own and the event loop is handed back between pieces: no single parse holds it for long.
 * Outbound messages carry no signature, so anyone may post one; refusing a stranger must cost less
 * than serving them.
 */

/** 100 notifications of a few hundred fields each stay far below this. */
export const MAX_OUTBOUND_BYTES = 2 * 1024 * 1024;
/** Salesforce puts OrganizationId right after the envelope's opening tags. */
const ORG_SCAN_BYTES = 8 * 1024;
/** Tags ('<') in the whole body: 100 notifications of 250 fields each. */
const MAX_TAGS = 60_000;
/** Tags in one notification: an sObject of 900 fields (Salesforce's most, 800 custom plus standard). */
const MAX_TAGS_PER_NOTIFICATION = 2_000;
/** Tags outside the notifications: the envelope and the five header elements. */
const MAX_HEADER_TAGS = 200;
/** Attributes per piece: a notification's xsi:type and xmlns, and xsi:nil on empty fields. */
const MAX_ATTRIBUTES_PER_PIECE = 1_000;
/** Envelope > Body > notifications > Notification > sObject > field is six deep. */
const MAX_DEPTH = 12;
const MAX_NOTIFICATIONS = 100;

const ORG_ELEMENT =
  /<(?:[A-Za-z_][\w.-]*:)?OrganizationId\s*>\s*([^<]{0,64}?)\s*<\/(?:[A-Za-z_][\w.-]*:)?OrganizationId\s*>/;
const NOTIFICATION_OPEN = /<(?:[A-Za-z_][\w.-]*:)?Notification[\s>]/g;
const NOTIFICATION_CLOSE = /<\/(?:[A-Za-z_][\w.-]*:)?Notification\s*>/g;
const ATTRIBUTE = /\s[A-Za-z_][\w.:-]*\s*=\s*["']/g;

/** The message cut in pieces: what surrounds the notifications, and each Notification element. */
export interface OutboundPieces {
  readonly header: string;
  readonly notifications: readonly string[];
}

function tooLarge(message: string): Result<never, InputError> {
  return err(new InputError('PAYLOAD_TOO_LARGE', message));
}

function countByte(body: Buffer, byte: number): number {
  let count = 0;
  for (let at = body.indexOf(byte); at !== -1; at = body.indexOf(byte, at + 1)) count++;
  return count;
}

function countOf(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/** How deeply elements nest; declarations, comments and CDATA count as no element. */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const next = text[at + 1];
    if (next === '/') depth--;
    else if (next !== '!' && next !== '?') {
      const end = text.indexOf('>', at);
      if (end === -1 || text[end - 1] !== '/') depth++;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function checkPiece(text: string, maxTags: number, what: string): Result<void, InputError> {
  if (countOf(text, /</g) > maxTags) return tooLarge(`${what} holds more than ${maxTags} elements`);
  if (countOf(text, ATTRIBUTE) > MAX_ATTRIBUTES_PER_PIECE)
    return tooLarge(`${what} holds more than ${MAX_ATTRIBUTES_PER_PIECE} attributes`);
  if (depthOf(text) > MAX_DEPTH) return tooLarge(`${what} nests elements deeper than ${MAX_DEPTH}`);
  return ok(undefined);
}

/** Org ids compare on their case-sensitive 15-character form; the 18-character form adds a checksum. */
export function sameOrganization(a: string, b: string): boolean {
  return a.length >= 15 && a.slice(0, 15) === b.slice(0, 15);
}

/** The organization the message names in its first bytes, checked before anything else is read. */
function checkOrganization(body: Buffer, organizationId: string): Result<void, InputError> {
  const named = ORG_ELEMENT.exec(body.subarray(0, ORG_SCAN_BYTES).toString('latin1'))?.[1];
  if (named !== undefined && sameOrganization(named, organizationId)) return ok(undefined);
  return err(
    new InputError(
      'WEBHOOK_ORG_MISMATCH',
      named === undefined
        ? `The outbound message names no OrganizationId in its first ${ORG_SCAN_BYTES} bytes.`
        : 'The outbound message comes from an organization other than SALESFORCE_ORG_ID.',
    ),
  );
}

/** Where each Notification element starts and ends; they follow one another, never nest. */
function notificationSpans(text: string): Result<[number, number][], InputError> {
  const opens = [...text.matchAll(NOTIFICATION_OPEN)].map((m) => m.index);
  const closes = [...text.matchAll(NOTIFICATION_CLOSE)].map((m) => m.index + m[0].length);
  const spans: [number, number][] = opens.map((start, i) => [start, closes[i] ?? -1]);
  const ordered = spans.every(([start, end], i) => end > start && end <= (opens[i + 1] ?? text.length));
  if (opens.length !== closes.length || !ordered)
    return err(new InputError('PAYLOAD_MALFORMED', 'The Notification elements of the message do not pair up'));
  if (spans.length === 0 || spans.length > MAX_NOTIFICATIONS)
    return err(
      new InputError(
        'PAYLOAD_INVALID',
        `Not a Salesforce outbound message: it must hold 1 to ${MAX_NOTIFICATIONS} notifications`,
      ),
    );
  return ok(spans);
}

/** Refuses what needs no parser to refuse, then cuts the message into pieces each cheap to parse. */
export function screenOutboundMessage(body: Buffer, organizationId: string): Result<OutboundPieces, InputError> {
  if (body.length > MAX_OUTBOUND_BYTES)
    return tooLarge(`An outbound message may not exceed ${MAX_OUTBOUND_BYTES} bytes`);
  // Cheapest first: a stranger is refused on the first 8 KB, a flood of tags on one byte count.
  const org = checkOrganization(body, organizationId);
  if (!org.ok) return org;
  if (countByte(body, 0x3c) > MAX_TAGS)
    return tooLarge(`An outbound message may not hold more than ${MAX_TAGS} elements`);
  // SOAP messages carry no DTD; refusing one also refuses entity-expansion attacks.
  if (/<!(?:DOCTYPE|ENTITY)/i.test(body.toString('latin1')))
    return err(new InputError('PAYLOAD_MALFORMED', 'XML with a DTD is not accepted'));
  const text = body.toString('utf8');
  const spans = notificationSpans(text);
  if (!spans.ok) return spans;
  const first = spans.value[0]?.[0] ?? 0;
  const last = spans.value[spans.value.length - 1]?.[1] ?? 0;
  const header = text.slice(0, first) + text.slice(last);
  const checked = checkPiece(header, MAX_HEADER_TAGS, 'The message header');
  if (!checked.ok) return checked;
  const notifications: string[] = [];
  for (const [start, end] of spans.value) {
    const piece = text.slice(start, end);
    const fits = checkPiece(piece, MAX_TAGS_PER_NOTIFICATION, 'A notification');
    if (!fits.ok) return fits;
    notifications.push(piece);
  }
  return ok({ header, notifications });
}
