import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hubSpotV3Signature, SIGNATURE_WINDOW_MS } from '../../connectors/hubspot/webhook-signature';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { createQueues } from '../../src/queue/queues';
import { createApp } from '../../src/http/app';
import { redisReplayGuard } from '../../src/http/replay-guard';
import { createSessionVault } from '../../src/queue/session-vault';
import { webhookRouter } from '../../src/http/webhooks';
import { createMetrics } from '../../src/observability/metrics';
import { silentLogger } from '../../src/shared/logger';
import { percentile } from '../support/bench-stack';
import { runLoad } from '../support/load';

const REQUESTS = 4_000;
const ROUNDS = 5;
const EVENTS_PER_REQUEST = 10;
const CONCURRENCY = 32;
const SECRET = 'bench-client-secret';

export interface IngestFigures {
  readonly bareRequestsPerSecond: number;
  readonly leadpactRequestsPerSecond: number;
  readonly ratio: number;
  /**
   * CPU time of the serving thread per request (median of the rounds), bare and leadpact: what each
   * costs on the one thread that serves, much less swayed than req/s by what else the machine runs.
   */
  readonly bareCpuMicrosPerRequest: number;
  readonly leadpactCpuMicrosPerRequest: number;
  readonly failed: number;
  readonly rounds: number;
}

/** Requests as HubSpot sends them: 10 contact.propertyChange events each, v3-signed, all distinct. */
function requests(url: string, offset: number) {
  const timestamp = String(Date.now());
  return Array.from({ length: REQUESTS }, (_, r) => {
    const events = Array.from({ length: EVENTS_PER_REQUEST }, (_, e) => {
      const n = offset + r * EVENTS_PER_REQUEST + e;
      return {
        eventId: n + 1,
        subscriptionId: 1,
        portalId: 62515,
        appId: 54321,
        occurredAt: Date.now(),
        attemptNumber: 0,
        subscriptionType: 'contact.propertyChange',
        objectId: 1000 + (n % 50_000),
        propertyName: 'jobtitle',
        propertyValue: `Title ${n}`,
        changeSource: 'CRM_UI',
      };
    });
    const body = JSON.stringify(events);
    const signature = hubSpotV3Signature({
      method: 'POST',
      url,
      rawBody: Buffer.from(body),
      timestamp,
      clientSecret: SECRET,
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': timestamp,
      },
    };
  });
}

interface Rounds {
  readonly rates: number[];
  readonly cpuMicros: number[];
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hubspot`;
}

/**
 * Webhook ingest: leadpact's real endpoint (signature over the raw body, timestamp window, schema,
 * enqueue) against the least a receiver can do — node:http that parses the JSON and enqueues it —
 * on the same Redis, under the same load from another thread.
 */
export async function ingestFigures(redisUrl: string, prefix: string): Promise<IngestFigures> {
  // Each side on the connection that suits it: leadpact's as in production (src/service/runtime.ts),
  // whose claim and add of a request leave in one write; the bare one, a single add a request, on a
  // plain producer connection, which costs it less CPU than pipelining would (128 vs 108 µs a request).
  const redis = createRedis(redisUrl, 'ingress', silentLogger());
  const queues = createQueues(redis, prefix);
  const bareRedis = createRedis(redisUrl, 'producer', silentLogger());
  const bareQueues = createQueues(bareRedis, prefix);
  try {
    const bareServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const events = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventId: number }[];
        void bareQueues.inbound
          .add('bare', events, { jobId: `bare-${events[0]?.eventId ?? 0}` })
          .then(() => res.writeHead(200).end());
      });
    });
    const bareUrl = await listen(bareServer);

    const server = createServer();
    const ourUrl = await listen(server);
    const app = createApp({
      logger: silentLogger(),
      registry: createMetrics({ defaultMetrics: false }).registry,
      readiness: {},
      routers: [
        webhookRouter({
          enqueue: async (job, jobId) => void (await queues.inbound.add(job.source, job, { jobId })),
          publicUrl: ourUrl.replace('/webhooks/hubspot', ''),
          hubspotClientSecret: SECRET,
          hubspotAppId: undefined,
          hubspotPortalId: () => Promise.resolve('62515'),
          salesforceOrgId: '00D000000000001AAA',
          sessions: createSessionVault(redis, prefix),
          metrics: createMetrics({ defaultMetrics: false }),
          now: Date.now,
          // As in production (src/service/runtime.ts): a replayed request is refused.
          replays: redisReplayGuard(redis, prefix, 2 * SIGNATURE_WINDOW_MS),
        }),
      ],
    });
    server.on('request', app);

    // Rounds alternate between the two, after a warm-up of each, so that neither gets the cold JIT
    // or a quieter minute of the machine; the medians are compared. One pass each swung the ratio
    // from 0.54 to 0.88 between runs.
    const bare: Rounds = { rates: [], cpuMicros: [] };
    const ours: Rounds = { rates: [], cpuMicros: [] };
    let failed = 0;
    let offset = 0;
    const round = async (url: string, into: Rounds | null) => {
      const plan = { url, requests: requests(url, offset), concurrency: CONCURRENCY };
      const cpuBefore = process.threadCpuUsage();
      const result = await runLoad(plan);
      const cpu = process.threadCpuUsage(cpuBefore);
      offset += REQUESTS * EVENTS_PER_REQUEST;
      failed += result.failed;
      into?.rates.push(result.ok / result.seconds);
      into?.cpuMicros.push((cpu.user + cpu.system) / Math.max(1, result.ok));
    };
    await round(bareUrl, null);
    await round(ourUrl, null);
    for (let r = 0; r < ROUNDS; r++) {
      await round(bareUrl, bare);
      await round(ourUrl, ours);
    }
    await new Promise((resolve) => bareServer.close(resolve));
    await new Promise((resolve) => server.close(resolve));
    const bareRate = percentile(bare.rates, 50);
    const ourRate = percentile(ours.rates, 50);
    return {
      bareRequestsPerSecond: bareRate,
      leadpactRequestsPerSecond: ourRate,
      ratio: ourRate / bareRate,
      bareCpuMicrosPerRequest: percentile(bare.cpuMicros, 50),
      leadpactCpuMicrosPerRequest: percentile(ours.cpuMicros, 50),
      failed,
      rounds: ROUNDS,
    };
  } finally {
    await queues.inbound.obliterate({ force: true }).catch(() => undefined);
    await queues.close();
    await bareQueues.close();
    await closeRedis(redis);
    await closeRedis(bareRedis);
  }
}
