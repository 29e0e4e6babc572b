import { z } from 'zod';
import { adminTokenWeakness } from './env-admin-token';
import { CDC_CHANNEL, DEFAULT_PUBSUB_ENDPOINT, HOST_PORT, SALESFORCE_CHANGE_SOURCES } from './env-changes';
import { parseTrustProxy } from './env-trust-proxy';

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port between 1 and 65535')
  .max(65535, 'expected a port between 1 and 65535');

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const redisUrl = z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' });
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' });
const salesforceOrgId = z
  .string()
  .regex(
    /^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/,
    'expected a 15- or 18-character Salesforce org id starting with 00D',
  );

/** Refused with the reason in words (never the value): see env-admin-token.ts. */
const adminToken = z.string().superRefine((token, ctx) => {
  const weakness = adminTokenWeakness(token);
  if (weakness !== undefined) ctx.addIssue({ code: 'custom', message: weakness });
});

const trustProxy = z.string().transform((value, ctx) => {
  const parsed = parseTrustProxy(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

/** Empty strings count as unset, as docker-compose and shells often pass them. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The environment of DESIGN.md ("Environment"), raw names; defaults in brackets there. */
export const envSchema = z.object({
  PORT: z.preprocess((v) => (v === '' ? undefined : v), port.default(3000)),
  PUBLIC_URL: optional(httpUrl),
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), redisUrl.default('redis://127.0.0.1:6379')),
  DATABASE_URL: optional(postgresUrl),
  DATA_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('./.leadpact')),
  PROTOCOL_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('config/protocol.yaml')),
  ADMIN_TOKEN: optional(adminToken),
  TRUST_PROXY: optional(trustProxy),
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  ),
  SALESFORCE_LOGIN_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    httpUrl.default('https://login.salesforce.com'),
  ),
  SALESFORCE_API_VERSION: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[0-9]{2}\.0$/, 'expected a version such as 62.0')
      .default('62.0'),
  ),
  SALESFORCE_CLIENT_ID: optional(z.string().min(1)),
  SALESFORCE_CLIENT_SECRET: optional(z.string().min(1)),
  SALESFORCE_USERNAME: optional(z.string().min(1)),
  SALESFORCE_PASSWORD: optional(z.string().min(1)),
  SALESFORCE_JWT_KEY_FILE: optional(z.string().min(1)),
  SALESFORCE_INSTANCE_URL: optional(httpUrl),
  SALESFORCE_ACCESS_TOKEN: optional(z.string().min(1)),
  SALESFORCE_ORG_ID: optional(salesforceOrgId),
  SALESFORCE_CHANGES: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(SALESFORCE_CHANGE_SOURCES, { error: 'expected one of outbound, cdc, poll' }).optional(),
  ),
  SALESFORCE_PUBSUB_ENDPOINT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(HOST_PORT, 'expected host:port, such as api.pubsub.salesforce.com:7443')
      .default(DEFAULT_PUBSUB_ENDPOINT),
  ),
  SALESFORCE_CDC_CHANNEL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(
        CDC_CHANNEL,
        'expected /data/ChangeEvents, /data/<Object>ChangeEvent or a custom channel /data/<Name>__chn',
      )
      .optional(),
  ),
  SALESFORCE_PUBSUB_CA_FILE: optional(z.string().min(1)),
  HUBSPOT_BASE_URL: z.preprocess((v) => (v === '' ? undefined : v), httpUrl.default('https://api.hubapi.com')),
  HUBSPOT_ACCESS_TOKEN: optional(z.string().min(1)),
  HUBSPOT_CLIENT_SECRET: optional(z.string().min(1)),
  HUBSPOT_APP_ID: optional(z.string().regex(/^[0-9]+$/, 'expected a numeric app id')),
  HUBSPOT_PORTAL_ID: optional(z.string().regex(/^[0-9]+$/, 'expected a numeric portal (account) id')),
  HUBSPOT_DEVELOPER_API_KEY: optional(z.string().min(1)),
  HUBSPOT_RATE_LIMIT_PER_10S: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number()
      .int('expected a whole number')
      .min(1, 'expected at least 1')
      .max(1000, 'expected at most 1000')
      .default(100),
  ),
});

export type RawEnv = z.infer<typeof envSchema>;

/** A variable (or set of variables) a kind of command cannot run without. */
export interface Requirement {
  /** The variable a problem is reported under. */
  readonly variable: keyof RawEnv;
  /** How --help names what to set. */
  readonly help: string;
  /** What loadEnv says when it is missing. */
  readonly missing: string;
}

/**
 * What each kind of command needs beyond the defaults: the one list that loadEnv enforces and
 * every command's --help shows. `crm`: the command calls both CRMs; `webhooks`: it receives them.
 */
export const REQUIREMENTS = {
  crm: [
    {
      variable: 'SALESFORCE_CLIENT_ID',
      help:
        'Salesforce credentials: SALESFORCE_CLIENT_ID + SALESFORCE_CLIENT_SECRET (+ SALESFORCE_USERNAME + ' +
        'SALESFORCE_PASSWORD), SALESFORCE_CLIENT_ID + SALESFORCE_USERNAME + SALESFORCE_JWT_KEY_FILE, or ' +
        'SALESFORCE_INSTANCE_URL + SALESFORCE_ACCESS_TOKEN',
      missing:
        'Salesforce credentials are required: CLIENT_ID + CLIENT_SECRET (+ USERNAME + PASSWORD), CLIENT_ID + USERNAME + JWT_KEY_FILE, or INSTANCE_URL + ACCESS_TOKEN',
    },
    {
      variable: 'HUBSPOT_ACCESS_TOKEN',
      help: 'HUBSPOT_ACCESS_TOKEN: the private app access token',
      missing: 'required: the private app access token',
    },
  ],
  webhooks: [
    {
      variable: 'HUBSPOT_CLIENT_SECRET',
      help: 'HUBSPOT_CLIENT_SECRET: to verify HubSpot webhook signatures',
      missing: 'required to verify HubSpot webhook signatures',
    },
    {
      variable: 'PUBLIC_URL',
      help: 'PUBLIC_URL: the public URL HubSpot signs (https://leadpact.example.com)',
      missing: 'required: the public URL HubSpot signs (for example https://leadpact.example.com)',
    },
    {
      variable: 'SALESFORCE_ORG_ID',
      help: 'SALESFORCE_ORG_ID: outbound messages from other orgs are refused',
      missing: 'required: outbound messages from other orgs are refused',
    },
    {
      variable: 'HUBSPOT_PORTAL_ID',
      help: 'HUBSPOT_PORTAL_ID, unless HUBSPOT_ACCESS_TOKEN is set (it tells the account)',
      missing: 'required without HUBSPOT_ACCESS_TOKEN (which would tell it): events from other accounts are refused',
    },
  ],
} as const satisfies Readonly<Record<'crm' | 'webhooks', readonly Requirement[]>>;
