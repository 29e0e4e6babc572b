import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { createHubSpotConnector } from '../../connectors/hubspot/hubspot-connector';
import { startHubSpotSimulator, type HubSpotSimulator } from '../../connectors/hubspot/simulator';
import { createSalesforceConnector } from '../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { startSalesforceSimulator, type SalesforceSimulator } from '../../connectors/salesforce/simulator';
import { DEFAULT_PREFIX } from '../../src/queue/queues';
import { CAMPAIGN_METRICS_OBJECT } from '../../src/metrics/writeback-spec';
import { MARKETING_PROPERTIES } from '../../src/demo/marketing-properties';
import { routedProtocol } from '../../src/demo/simulated-stack';
import { protocolTextForOrg } from '../../src/demo/simulated-org';
import { provision, webhookSubscriptions } from '../../src/app/provision';
import { describeSimulators } from '../../src/demo/simulators';
import { type Protocol } from '../../src/protocol';
import { loadProtocol } from '../../src/config/load-protocol';
import { salesforceId } from '../../src/shared/ids';
import type { Db } from '../../src/store';
import { migrate } from '../../src/store/migrate';
import { cleanEnv, spawnCli, waitForOutput } from './cli';
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './databases';
import { EXAMPLE_PROTOCOL, eventually } from './pipeline-harness';
import { freePort, OwnRedis } from './redis-server';

/** One leadpact process the test started: `serve` (the HTTP ingress) or `work` (the workers). */
export interface ServiceProcess {
  readonly role: 'serve' | 'work';
  readonly child: ChildProcess;
  /** What it printed last (stdout and stderr), for a failing test to show. */
  tail(): string;
  /** Whether it ever printed a line holding `text` (a log message), and how many times. */
  printed(text: string): number;
}

export interface ChaosClusterOptions {
  readonly workers: number;
  /** The HubSpot app's limit per 10 s, enforced by the simulator and given to leadpact (default 100). */
  readonly hubspotRatePer10s?: number;
  /** How the simulated org reports changes: outbound messages (default), or Change Data Capture only (SALESFORCE_CHANGES=cdc). */
  readonly salesforceChanges?: 'outbound' | 'cdc';
}

/**
 * leadpact as an operator runs it — `leadpact serve` and N `leadpact work` processes from dist/ —
 * against simulators, a Redis and a Postgres schema of the test's own. The simulators live in the
 * test's process, so the test sees everything and survives every kill it makes.
 */
export interface ChaosCluster {
  readonly sf: SalesforceSimulator;
  readonly hs: HubSpotSimulator;
  /** The ledger, read by the test. */
  readonly db: Db;
  readonly redis: OwnRedis;
  readonly protocol: Protocol;
  /** Salesforce as a salesperson's tools reach it (the integration user's API). */
  readonly salesforce: SalesforcePort;
  /** The inbound queue, watched by the test. */
  readonly inbound: Queue;
  /** The application_name every leadpact connection to Postgres carries. */
  readonly applicationName: string;
  /** Where `leadpact serve` listens (PUBLIC_URL). */
  readonly serviceUrl: string;
  workers(): readonly ServiceProcess[];
  startWorker(): Promise<ServiceProcess>;
  /** SIGKILL: no shutdown handler runs, as in a crash or an OOM kill. */
  kill(process: ServiceProcess): Promise<void>;
  /** The last lines of every process, for a failure message. */
  tails(): string;
  close(): Promise<void>;
}

const TAIL_CHARS = 6_000;

function track(role: ServiceProcess['role'], child: ChildProcess): ServiceProcess {
  let text = '';
  let partial = '';
  const said = new Map<string, number>();
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-TAIL_CHARS);
  };
  // Log messages counted as whole lines, so a line split across chunks still counts.
  const lines = (chunk: Buffer) => {
    const all = (partial + chunk.toString()).split('\n');
    partial = all.pop() ?? '';
    for (const line of all) {
      const message = /"msg":"([^"]*)"/.exec(line)?.[1];
      if (message !== undefined) said.set(message, (said.get(message) ?? 0) + 1);
    }
  };
  child.stdout?.on('data', keep);
  child.stdout?.on('data', lines);
  child.stderr?.on('data', keep);
  const printed = (wanted: string) =>
    [...said].filter(([message]) => message.includes(wanted)).reduce((total, [, n]) => total + n, 0);
  return { role, child, tail: () => text, printed };
}

type Salesforce = SalesforcePort & { close(): Promise<void> };

async function startCrms(
  ratePer10s: number,
  cdc: boolean,
): Promise<{ sf: SalesforceSimulator; hs: HubSpotSimulator; salesforce: Salesforce; protocol: Protocol }> {
  const sf = await startSalesforceSimulator(cdc ? { changeEvents: {} } : {});
  const hs = await startHubSpotSimulator({ ratePer10s, webhookRetryBaseMs: 100 });
  const c = sf.credentials;
  const salesforce = await createSalesforceConnector({
    auth: {
      kind: 'password',
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      username: c.username,
      password: `${c.password}${c.securityToken ?? ''}`,
    },
    loginUrl: sf.url,
    apiVersion: sf.apiVersion,
  });
  const protocol = routedProtocol(EXAMPLE_PROTOCOL, sf);
  const hubspot = createHubSpotConnector({
    accessToken: hs.credentials.accessToken,
    baseUrl: hs.url,
    ratePer10s,
    campaignMetricsObject: CAMPAIGN_METRICS_OBJECT,
  });
  try {
    // As `leadpact provision` leaves them, plus the marketing team's own properties.
    await provision({ protocol, salesforce, hubspot });
    await hubspot.provision(MARKETING_PROPERTIES);
  } finally {
    hubspot.close();
  }
  return { sf, hs, salesforce, protocol };
}

/** The protocol file the processes read: the example's text, routed to the simulated org as `protocol` is. */
function protocolFileFor(sf: SalesforceSimulator, protocol: Protocol): string {
  const users = sf
    .records('User')
    .filter((u) => u.IsActive === true && typeof u.Id === 'string' && u.Title !== 'API Integration');
  const text = protocolTextForOrg(EXAMPLE_PROTOCOL, {
    activeUserIds: users.map((u) => salesforceId(String(u.Id))),
    leadQueueId: salesforceId(sf.defaults().leadQueueId),
  });
  const reread = loadProtocol(text, 'protocol.yaml');
  if (!reread.ok || JSON.stringify(reread.value.routing) !== JSON.stringify(protocol.routing))
    throw new Error('the routed protocol file does not route as protocolForOrg does');
  return text;
}

function notifyService(
  sf: SalesforceSimulator,
  hs: HubSpotSimulator,
  protocol: Protocol,
  baseUrl: string,
  outbound: boolean,
): void {
  hs.setWebhookTarget(`${baseUrl}/webhooks/hubspot`);
  for (const subscription of webhookSubscriptions(protocol))
    hs.subscribe(subscription.eventType, subscription.propertyName);
  if (!outbound) return;
  // Id only, as the README asks of an admin: every notification is read back.
  const objects = ['Lead', 'Contact', 'Opportunity', 'Task'] as const;
  sf.setOutbound({
    url: `${baseUrl}/webhooks/salesforce`,
    objects: [...objects],
    fields: Object.fromEntries(objects.map((object) => [object, ['Id']])),
    retryBaseMs: 100,
  });
}

export async function startChaosCluster(options: ChaosClusterOptions): Promise<ChaosCluster> {
  const ratePer10s = options.hubspotRatePer10s ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'leadpact-chaos-'));
  const redis = await OwnRedis.start();
  const database: TestDatabase = await openTestDatabase('postgres');
  await migrate(database.db);
  const cdc = options.salesforceChanges === 'cdc';
  const { sf, hs, salesforce, protocol } = await startCrms(ratePer10s, cdc);
  const protocolFile = join(dir, 'protocol.yaml');
  writeFileSync(protocolFile, protocolFileFor(sf, protocol));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const applicationName = `leadpact_${database.schema ?? 'public'}`;
  const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${database.schema ?? 'public'}`)}&application_name=${applicationName}`;
  const env = cleanEnv({
    ...describeSimulators(sf, hs, null, cdc ? pubSubOf(sf, dir) : null).env,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    REDIS_URL: redis.url,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    PROTOCOL_FILE: protocolFile,
    HUBSPOT_RATE_LIMIT_PER_10S: String(ratePer10s),
  });
  const inbound = new Queue('inbound', {
    connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null },
    prefix: DEFAULT_PREFIX,
  });
  inbound.on('error', () => undefined);
  const processes: ServiceProcess[] = [];

  async function spawnRole(role: ServiceProcess['role'], ready: string): Promise<ServiceProcess> {
    const started = track(role, spawnCli([role], env));
    processes.push(started);
    await waitForOutput(started.child, (text) => text.includes(ready), 30_000);
    return started;
  }
  async function startWorker(): Promise<ServiceProcess> {
    const before = await inbound.getWorkersCount();
    const started = await spawnRole('work', 'lead protocol active');
    await eventually(
      async () => ((await inbound.getWorkersCount()) > before ? true : undefined),
      30_000,
      'the new worker to connect',
    );
    return started;
  }

  const cluster: ChaosCluster = {
    sf,
    hs,
    db: database.db,
    redis,
    protocol,
    salesforce,
    inbound,
    applicationName,
    serviceUrl: baseUrl,
    workers: () =>
      processes.filter((p) => p.role === 'work' && p.child.exitCode === null && p.child.signalCode === null),
    startWorker,
    async kill(target) {
      if (target.child.exitCode !== null || target.child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        target.child.once('exit', () => resolve());
        target.child.kill('SIGKILL');
      });
    },
    tails: () => processes.map((p) => `--- ${p.role} ${p.child.pid ?? ''} ---\n${p.tail()}`).join('\n'),
    async close() {
      await Promise.all(processes.map((p) => cluster.kill(p)));
      await Promise.allSettled([inbound.close(), salesforce.close(), sf.close(), hs.close()]);
      await redis.dispose();
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await spawnRole('serve', 'http ingress listening');
    for (let i = 0; i < options.workers; i++) await startWorker();
    notifyService(sf, hs, protocol, baseUrl, !cdc);
    return cluster;
  } catch (error) {
    const tails = cluster.tails();
    await cluster.close();
    throw new Error(`the chaos cluster did not start: ${String(error)}\n${tails}`, { cause: error });
  }
}

/** The simulated org's Pub/Sub endpoint, its certificate in a file the processes are told to trust. */
function pubSubOf(sf: SalesforceSimulator, dir: string): { endpoint: string; caFile: string; only: boolean } {
  const endpoint = sf.pubsub;
  if (endpoint === undefined) throw new Error('the Salesforce simulator was started without its Pub/Sub endpoint');
  const caFile = join(dir, 'pubsub-ca.pem');
  writeFileSync(caFile, endpoint.certificate);
  return { endpoint: endpoint.address, caFile, only: true };
}
