import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import {
  startHubSpotSimulator,
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
} from '../../../connectors/hubspot/simulator';

/** Simulators started by a test file; closed after it. */
export function simulators(): {
  start(options?: HubSpotSimulatorOptions): Promise<HubSpotSimulator>;
  closeAll(): Promise<void>;
} {
  const open: HubSpotSimulator[] = [];
  return {
    async start(options = {}) {
      const sim = await startHubSpotSimulator({ searchLagMs: 0, webhookBatchWindowMs: 5, ...options });
      open.push(sim);
      return sim;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((sim) => sim.close()));
    },
  };
}

/** One simulator for a test file, reset before each test, closed after the file. */
export function useSimulator(options: HubSpotSimulatorOptions = {}): () => HubSpotSimulator {
  const sims = simulators();
  let sim: HubSpotSimulator | undefined;
  beforeAll(async () => {
    sim = await sims.start(options);
  });
  afterAll(() => sims.closeAll());
  beforeEach(() => sim?.reset());
  return () => {
    if (sim === undefined) throw new Error('the simulator is not started yet');
    return sim;
  };
}

/** The real SDK pointed at the simulator; one attempt per call, so failures surface at once. */
export function sdk(sim: HubSpotSimulator, token = sim.credentials.accessToken): Client {
  return new Client({
    accessToken: token,
    basePath: sim.url,
    numberOfApiCallRetries: 1,
    developerApiKey: sim.credentials.developerApiKey,
  });
}

/** The ApiException the SDK throws for an undeclared status: code, body and headers. */
export async function failureOf(
  call: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    const { code, body, headers } = error as {
      code: number;
      body: Record<string, unknown>;
      headers: Record<string, string>;
    };
    return { code, body, headers };
  }
  throw new Error('expected the call to fail');
}

export interface ReceivedWebhook {
  readonly rawBody: Buffer;
  readonly headers: IncomingHttpHeaders;
  readonly url: string;
}

/** A webhook receiver on 127.0.0.1:0 that answers with the statuses it is given, in turn. */
export async function webhookReceiver(statuses: readonly number[] = []): Promise<{
  readonly url: string;
  readonly received: ReceivedWebhook[];
  events(): Record<string, unknown>[];
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const answers = [...statuses];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ rawBody: Buffer.concat(chunks), headers: req.headers, url: req.url ?? '' });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/hubspot`,
    received,
    events: () => received.flatMap((r) => JSON.parse(r.rawBody.toString('utf8')) as Record<string, unknown>[]),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until the condition holds (webhook deliveries and retries happen on timers). */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
