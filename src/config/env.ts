import { readFileSync } from 'node:fs';
import { ConfigError, type ConfigProblem } from '../shared/errors';
import { plainIssue } from '../shared/plain-issues';
import { envSchema, REQUIREMENTS, type RawEnv, type Requirement } from './env.schema';
import type { TrustProxy } from './env-trust-proxy';
import { readCertificate, type ChangeSourceEnv } from './env-changes';

export type SalesforceAuth =
  | {
      readonly kind: 'password';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly username: string;
      readonly password: string;
    }
  | { readonly kind: 'jwt'; readonly clientId: string; readonly username: string; readonly privateKey: string }
  | { readonly kind: 'client_credentials'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'token'; readonly instanceUrl: string; readonly accessToken: string };

export interface Env {
  readonly port: number;
  readonly publicUrl: string;
  /** Whether PUBLIC_URL was given (the default only suits a laptop: HubSpot cannot reach it). */
  readonly publicUrlSet: boolean;
  readonly redisUrl: string;
  /** Unset: the embedded PGlite database under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly protocolFile: string;
  readonly adminToken: string | undefined;
  /** Which proxy may report the client's address and scheme (env-trust-proxy.ts); false: none. */
  readonly trustProxy: TrustProxy;
  readonly logLevel: RawEnv['LOG_LEVEL'];
  /** Whether LOG_LEVEL was set: the operator commands log only when asked. */
  readonly logLevelSet: boolean;
  /**
   * Any variable by name, for the secrets the protocol names (alerts' Slack webhook URL, SMTP
   * password): they stay in the environment, never in the protocol file.
   */
  readonly variable: (name: string) => string | undefined;
  readonly salesforce: {
    readonly loginUrl: string;
    readonly apiVersion: string;
    readonly orgId: string | undefined;
    readonly auth: SalesforceAuth | undefined;
    /** SALESFORCE_CHANGES and the Pub/Sub API settings (env-changes.ts). */
    readonly changes: ChangeSourceEnv;
  };
  readonly hubspot: {
    readonly baseUrl: string;
    readonly accessToken: string | undefined;
    readonly clientSecret: string | undefined;
    readonly appId: string | undefined;
    /** Our HubSpot account; unset: learned from the access token's account. */
    readonly portalId: string | undefined;
    /** The webhooks v3 API (subscriptions) takes the app's developer API key. */
    readonly developerApiKey: string | undefined;
    readonly ratePer10s: number;
  };
}

export interface EnvNeeds {
  /** The command talks to both CRMs (start, work, provision, backfill): credentials are required. */
  readonly crm?: boolean;
  /** The command receives webhooks (start, serve): signature and org settings are required. */
  readonly webhooks?: boolean;
}

type Source = Readonly<Record<string, string | undefined>>;
type ReadFile = (path: string) => string;

/**
 * Parses the environment once, reporting every problem together with the variable's name.
 * The result is frozen; only src/main.ts passes process.env here.
 */
export function loadEnv(
  source: Source,
  needs: EnvNeeds = {},
  readFile: ReadFile = (p) => readFileSync(p, 'utf8'),
): Env {
  const problems: ConfigProblem[] = [];
  const raw = parseEachVariable(source, problems);
  const salesforceAuth = resolveSalesforceAuth(raw, problems, readFile);
  const trustedCertificate = readCertificate(raw.SALESFORCE_PUBSUB_CA_FILE, problems, readFile);
  if (needs.crm === true) requireCrm(raw, salesforceAuth, problems);
  if (needs.webhooks === true) requireWebhooks(raw, problems);
  if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', 'The environment', problems);

  return deepFreeze({
    port: raw.PORT,
    publicUrl: (raw.PUBLIC_URL ?? `http://127.0.0.1:${raw.PORT}`).replace(/\/+$/, ''),
    publicUrlSet: raw.PUBLIC_URL !== undefined,
    redisUrl: raw.REDIS_URL,
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.DATA_DIR,
    protocolFile: raw.PROTOCOL_FILE,
    adminToken: raw.ADMIN_TOKEN,
    trustProxy: raw.TRUST_PROXY ?? false,
    logLevel: raw.LOG_LEVEL,
    variable: secretLookup(source),
    logLevelSet: source.LOG_LEVEL !== undefined && source.LOG_LEVEL !== '',
    salesforce: {
      loginUrl: raw.SALESFORCE_LOGIN_URL.replace(/\/+$/, ''),
      apiVersion: raw.SALESFORCE_API_VERSION,
      orgId: raw.SALESFORCE_ORG_ID,
      auth: salesforceAuth,
      changes: {
        source: raw.SALESFORCE_CHANGES,
        pubSubEndpoint: raw.SALESFORCE_PUBSUB_ENDPOINT,
        channel: raw.SALESFORCE_CDC_CHANNEL,
        trustedCertificate,
      },
    },
    hubspot: {
      baseUrl: raw.HUBSPOT_BASE_URL.replace(/\/+$/, ''),
      accessToken: raw.HUBSPOT_ACCESS_TOKEN,
      clientSecret: raw.HUBSPOT_CLIENT_SECRET,
      appId: raw.HUBSPOT_APP_ID,
      portalId: raw.HUBSPOT_PORTAL_ID,
      developerApiKey: raw.HUBSPOT_DEVELOPER_API_KEY,
      ratePer10s: raw.HUBSPOT_RATE_LIMIT_PER_10S,
    },
  });
}

/** Variables whose values may be echoed in an error; every other value could hold a secret. */
const ECHOABLE = new Set([
  'PORT',
  'LOG_LEVEL',
  'SALESFORCE_API_VERSION',
  'HUBSPOT_RATE_LIMIT_PER_10S',
  'HUBSPOT_APP_ID',
  'HUBSPOT_PORTAL_ID',
  'SALESFORCE_ORG_ID',
  'SALESFORCE_CHANGES',
  'SALESFORCE_PUBSUB_ENDPOINT',
  'SALESFORCE_CDC_CHANNEL',
]);

// Each variable is parsed on its own so that one bad value never hides the problems of the others.
function parseEachVariable(source: Source, problems: ConfigProblem[]): RawEnv {
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const value = source[name];
    const parsed = schema.safeParse(value, { error: plainIssue });
    if (parsed.success) continue;
    const shown = ECHOABLE.has(name) && value !== undefined ? ` (got ${JSON.stringify(value.slice(0, 40))})` : '';
    problems.push({ path: name, message: `${parsed.error.issues[0]?.message ?? 'invalid'}${shown}` });
  }
  // With the bad values dropped, what remains parses; the problems already say what was dropped.
  return envSchema.parse({ ...source, ...Object.fromEntries(problems.map((p) => [p.path, undefined])) });
}

function resolveSalesforceAuth(raw: RawEnv, problems: ConfigProblem[], readFile: ReadFile): SalesforceAuth | undefined {
  const { SALESFORCE_CLIENT_ID: clientId, SALESFORCE_CLIENT_SECRET: clientSecret } = raw;
  const { SALESFORCE_USERNAME: username, SALESFORCE_PASSWORD: password, SALESFORCE_JWT_KEY_FILE: keyFile } = raw;
  if (raw.SALESFORCE_INSTANCE_URL !== undefined || raw.SALESFORCE_ACCESS_TOKEN !== undefined) {
    if (raw.SALESFORCE_INSTANCE_URL === undefined)
      problems.push({ path: 'SALESFORCE_INSTANCE_URL', message: 'required with SALESFORCE_ACCESS_TOKEN' });
    if (raw.SALESFORCE_ACCESS_TOKEN === undefined)
      problems.push({ path: 'SALESFORCE_ACCESS_TOKEN', message: 'required with SALESFORCE_INSTANCE_URL' });
    return raw.SALESFORCE_INSTANCE_URL !== undefined && raw.SALESFORCE_ACCESS_TOKEN !== undefined
      ? {
          kind: 'token',
          instanceUrl: raw.SALESFORCE_INSTANCE_URL.replace(/\/+$/, ''),
          accessToken: raw.SALESFORCE_ACCESS_TOKEN,
        }
      : undefined;
  }
  if (clientId === undefined) {
    for (const name of [
      'SALESFORCE_CLIENT_SECRET',
      'SALESFORCE_USERNAME',
      'SALESFORCE_PASSWORD',
      'SALESFORCE_JWT_KEY_FILE',
    ] as const) {
      if (raw[name] !== undefined) problems.push({ path: 'SALESFORCE_CLIENT_ID', message: `required with ${name}` });
    }
    return undefined;
  }
  if (keyFile !== undefined) {
    if (username === undefined)
      problems.push({
        path: 'SALESFORCE_USERNAME',
        message: 'required with SALESFORCE_JWT_KEY_FILE (the JWT subject)',
      });
    const privateKey = readKey(keyFile, problems, readFile);
    return username !== undefined && privateKey !== undefined
      ? { kind: 'jwt', clientId, username, privateKey }
      : undefined;
  }
  if (clientSecret === undefined) {
    problems.push({
      path: 'SALESFORCE_CLIENT_SECRET',
      message: 'required with SALESFORCE_CLIENT_ID (or set SALESFORCE_JWT_KEY_FILE)',
    });
    return undefined;
  }
  if (username === undefined && password === undefined) return { kind: 'client_credentials', clientId, clientSecret };
  if (username === undefined)
    problems.push({ path: 'SALESFORCE_USERNAME', message: 'required with SALESFORCE_PASSWORD' });
  if (password === undefined)
    problems.push({
      path: 'SALESFORCE_PASSWORD',
      message: 'required with SALESFORCE_USERNAME (password followed by the security token)',
    });
  return username !== undefined && password !== undefined
    ? { kind: 'password', clientId, clientSecret, username, password }
    : undefined;
}

function readKey(path: string, problems: ConfigProblem[], readFile: ReadFile): string | undefined {
  try {
    const pem = readFile(path);
    if (!pem.includes('PRIVATE KEY')) {
      problems.push({ path: 'SALESFORCE_JWT_KEY_FILE', message: 'expected a PEM private key file' });
      return undefined;
    }
    return pem;
  } catch {
    problems.push({ path: 'SALESFORCE_JWT_KEY_FILE', message: 'the file cannot be read' });
    return undefined;
  }
}

function requireVariable(raw: RawEnv, requirement: Requirement, problems: ConfigProblem[]): void {
  if (raw[requirement.variable] === undefined)
    problems.push({ path: requirement.variable, message: requirement.missing });
}

function requireCrm(raw: RawEnv, auth: SalesforceAuth | undefined, problems: ConfigProblem[]): void {
  const [salesforce, hubspot] = REQUIREMENTS.crm;
  const salesforceReported = problems.some((p) => p.path.startsWith('SALESFORCE_'));
  if (auth === undefined && !salesforceReported)
    problems.push({ path: salesforce.variable, message: salesforce.missing });
  requireVariable(raw, hubspot, problems);
}

function requireWebhooks(raw: RawEnv, problems: ConfigProblem[]): void {
  const [secret, publicUrl, orgId, portalId] = REQUIREMENTS.webhooks;
  for (const requirement of [secret, publicUrl, orgId]) requireVariable(raw, requirement, problems);
  // The access token's account tells the portal when no id is given.
  if (raw.HUBSPOT_ACCESS_TOKEN === undefined) requireVariable(raw, portalId, problems);
}

/** A copy taken once, so later changes to process.env do not reach a running service. */
function secretLookup(source: Source): (name: string) => string | undefined {
  const copy = new Map(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return (name) => {
    const value = copy.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
