import { types } from 'node:util';
import pino, { type Logger, type DestinationStream } from 'pino';
import { scrubText } from './scrub-text';

export type { Logger } from 'pino';
export { scrubText, MAX_SCRUBBED_CHARS, type ScrubMeter } from './scrub-text';

/** Keys whose values never reach a log line, at any depth pino's redaction reaches. */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'password',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'token',
  'secret',
  'apiKey',
  'assertion',
  'sessionId',
  'SessionId',
  'signature',
  'email',
  'Email',
  'phone',
  'Phone',
  'MobilePhone',
  'mobilephone',
];

const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'req.headers.authorization',
  'req.headers["x-hubspot-signature-v3"]',
  'headers.authorization',
];

/** Deeper than this, an object is left out: log objects are shallow, and the scrub must stay bounded. */
const MAX_DEPTH = 6;

function isError(value: object): value is Error {
  // isNativeError also knows errors made in another realm (a vm context, jest's sandbox).
  return value instanceof Error || types.isNativeError(value);
}

/** An Error's message, code and stack as pino writes them (causes included), instead of its enumerable fields. */
function serializeError(error: Error): Record<string, unknown> {
  return { ...pino.stdSerializers.err(error) };
}

/**
 * Errors are serialized first and scrubbed after: copying an Error's enumerable fields (all a plain
 * copy sees) would keep none of message, stack or causes.
 */
function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (isError(value)) return scrubValue(serializeError(value), depth, seen);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubValue(inner, depth + 1, seen);
  return out;
}

const scrubbed = (value: unknown): unknown => scrubValue(value, 0, new WeakSet());

/** pino's log-method arguments with every string scrubbed; a bare Error becomes `err` with a scrubbed message. */
function scrubArguments(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (typeof first === 'object' && first !== null && isError(first) && typeof rest[0] !== 'string')
    return [{ err: first }, scrubText(first.message), ...rest];
  return args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
}

export interface LoggerOptions {
  readonly level?: string;
  readonly name?: string;
  readonly destination?: DestinationStream;
}

/**
 * The one root logger. Redaction by path catches structured secrets; the text scrub catches an
 * e-mail or a token that a vendor echoed into an error message. pino runs `formatters.log` before
 * its serializers, so the formatter serializes errors itself; the `err` serializer only meets
 * child bindings, and leaves what the formatter already serialized alone.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config = {
    name: options.name ?? 'leadpact',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: (value: unknown) => scrubbed(value) },
    formatters: {
      log: (object: Record<string, unknown>) => scrubbed(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, scrubArguments(args));
      },
    },
  };
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}

/** A logger that discards everything, for tests and library defaults. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
