import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import {
  createSalesforceConnector,
  type SalesforceConnectorOptions,
} from '../../../connectors/salesforce/salesforce-connector';
import {
  startSalesforceSimulator,
  type SalesforceSimulator,
  type SalesforceSimulatorOptions,
} from '../../../connectors/salesforce/simulator';
import type { SalesforceAuth } from '../../../src/config/env';
import { requiredAccess } from '../../../connectors/salesforce/provision-access';

export const API_VERSION = '62.0';

/** A test-only key pair: a self-signed certificate the simulator trusts and its private key. */
export const JWT_PRIVATE_KEY = readFileSync(join(__dirname, 'fixtures', 'jwt-key.pem'), 'utf8');
export const JWT_CERTIFICATE = readFileSync(join(__dirname, 'fixtures', 'jwt-cert.pem'), 'utf8');

/** Starts a simulator for the tests of one file and closes it after them. */
export function useSimulator(options: SalesforceSimulatorOptions = {}): () => SalesforceSimulator {
  let sim: SalesforceSimulator | undefined;
  beforeAll(async () => {
    sim = await startSalesforceSimulator({ credentials: { jwtCertificatePem: JWT_CERTIFICATE }, ...options });
  });
  afterAll(async () => {
    await sim?.close();
  });
  return () => {
    if (sim === undefined) throw new Error('simulator not started');
    return sim;
  };
}

/**
 * A plain jsforce connection holding a session id, as token auth would: the org's System
 * Administrator's unless another user is named. Custom fields the test creates are visible to
 * nobody until granted (`grantFields`), the administrator included, as on the platform.
 */
export function tokenConnection(sim: SalesforceSimulator, userId: string = sim.defaults().adminUserId): Connection {
  return new Connection({ instanceUrl: sim.url, accessToken: sim.mintAccessToken(userId), version: API_VERSION });
}

/**
 * Grants Read and Edit on custom fields to the System Administrator profile, through its own
 * permission set, as an admin does after creating fields with the Tooling API (FieldPermissions).
 */
export async function grantFields(conn: Connection, fields: readonly string[]): Promise<void> {
  const sets = await conn.query<{ Id: string }>(
    "SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'System Administrator'",
  );
  const [set] = sets.records;
  if (set === undefined) throw new Error('no System Administrator profile');
  // One record a call (POST /sobjects/FieldPermissions), so the collection routes' counts stay the test's own.
  const results = [];
  for (const field of fields)
    results.push(
      await conn.sobject('FieldPermissions').create({
        ParentId: set.Id,
        SobjectType: field.split('.')[0],
        Field: field,
        PermissionsRead: true,
        PermissionsEdit: true,
      }),
    );
  const failed = results.find((result) => !result.success);
  if (failed !== undefined) throw new Error(`could not grant ${fields.join(', ')}: ${JSON.stringify(failed)}`);
}

/** A plain jsforce connection logged in with the OAuth username-password flow. */
export async function passwordConnection(sim: SalesforceSimulator): Promise<Connection> {
  const { clientId, clientSecret, username, password, securityToken } = sim.credentials;
  const conn = new Connection({
    loginUrl: sim.url,
    version: API_VERSION,
    oauth2: { clientId, clientSecret, loginUrl: sim.url },
  });
  await conn.login(username, password + securityToken);
  return conn;
}

/** An RS256 JWT bearer assertion, as a connected app's client signs it. */
export function signAssertion(claims: Readonly<Record<string, unknown>>, privateKey: string = JWT_PRIVATE_KEY): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/**
 * Whatever a promise rejects with (the test then asserts on it). Errors raised inside Node itself
 * (an AbortError from fetch) come from another realm than Jest's, so this checks the shape, not
 * `instanceof Error`.
 */
export async function rejection(
  promise: PromiseLike<unknown>,
): Promise<{ name: string; message: string; errorCode?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'message' in error && 'name' in error)
      return error as { name: string; message: string };
    throw new Error(`rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection');
}

/** Polls until `check` passes (it throws until then), for effects that arrive asynchronously. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export interface Received {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** An HTTP endpoint that records what it receives and answers with `respond` (an outbound message receiver). */
export async function startReceiver(
  respond: (index: number) => { status: number; body: string },
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = respond(received.length);
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks/salesforce`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A simulator for the file, reset before each test, with a fresh token-auth jsforce connection. */
export function useFreshOrg(options: SalesforceSimulatorOptions = {}): {
  sim: () => SalesforceSimulator;
  conn: () => Connection;
} {
  const sim = useSimulator(options);
  let conn: Connection | undefined;
  beforeEach(() => {
    sim().reset();
    conn = tokenConnection(sim());
  });
  return {
    sim,
    conn: () => {
      if (conn === undefined) throw new Error('no connection yet');
      return conn;
    },
  };
}

export type AuthKind = SalesforceAuth['kind'];

/** The SalesforceAuth of each grant, with the simulator's credentials. */
export function authFor(sim: SalesforceSimulator, kind: AuthKind): SalesforceAuth {
  const { clientId, clientSecret, username, password, securityToken } = sim.credentials;
  switch (kind) {
    case 'password':
      return { kind, clientId, clientSecret, username, password: password + securityToken };
    case 'jwt':
      return { kind, clientId, username, privateKey: JWT_PRIVATE_KEY };
    case 'client_credentials':
      return { kind, clientId, clientSecret };
    case 'token':
      return { kind, instanceUrl: sim.url, accessToken: sim.mintAccessToken() };
  }
}

/** leadpact's connector on the simulator, with the given grant. */
export function connectorFor(
  sim: SalesforceSimulator,
  kind: AuthKind = 'password',
  options: Partial<SalesforceConnectorOptions> = {},
): ReturnType<typeof createSalesforceConnector> {
  return createSalesforceConnector({
    auth: authFor(sim, kind),
    loginUrl: sim.url,
    apiVersion: API_VERSION,
    ...options,
  });
}

/**
 * Gives the integration user what `leadpact provision` gives it before any field exists: the
 * permission set "leadpact Integration" with its objects (the API-only profile grants none).
 * Seeded as the platform, so the test's call counts start at zero.
 */
export function grantLeadpactAccess(sim: SalesforceSimulator): void {
  const { integration } = requiredAccess([]);
  const [setId] = sim.seed('PermissionSet', [{ Name: integration.name, Label: integration.label }]);
  sim.seed(
    'ObjectPermissions',
    integration.objects.map((grant) => ({
      ParentId: setId,
      SobjectType: grant.object,
      PermissionsRead: true,
      PermissionsCreate: grant.create,
      PermissionsEdit: grant.edit,
    })),
  );
  sim.seed('PermissionSetAssignment', [{ AssigneeId: sim.defaults().integrationUserId, PermissionSetId: setId }]);
}

/** A second simulator inside one test, started with the test fixtures' JWT certificate. */
export function startSalesforceSimulatorFor(options: SalesforceSimulatorOptions): Promise<SalesforceSimulator> {
  return startSalesforceSimulator({ credentials: { jwtCertificatePem: JWT_CERTIFICATE }, ...options });
}
