import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

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

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers: a leading + or ( and at least 7 digits with separators; plain ids and timestamps stay.
const PHONE = /(?:\+|\()[0-9][0-9 ().-]{6,}[0-9]/g;
const BEARER = /\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/!=-]+/g;
const SALESFORCE_SESSION = /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g;
const HUBSPOT_TOKEN = /\bpat-[a-z0-9]+-[A-Za-z0-9-]+/g;

/** Masks e-mail addresses, phone numbers and tokens inside free text (messages, error strings). */
export function scrubText(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(SALESFORCE_SESSION, '[session]')
    .replace(HUBSPOT_TOKEN, '[token]')
    .replace(PHONE, '[phone]');
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = scrubValue(inner, depth + 1, seen);
  return out;
}

export interface LoggerOptions {
  readonly level?: string;
  readonly name?: string;
  readonly destination?: DestinationStream;
}

/**
 * The one root logger. Redaction by path catches structured secrets; the text scrub catches an
 * e-mail or a token that a vendor echoed into an error message.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config = {
    name: options.name ?? 'leadpact',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
    formatters: {
      log: (object: Record<string, unknown>) => scrubValue(object, 0, new WeakSet()) as Record<string, unknown>,
    },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)),
        );
      },
    },
  };
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}

/** A logger that discards everything, for tests and library defaults. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
