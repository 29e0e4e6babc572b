import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** What the load generator sends: prepared requests, replayed with a fixed concurrency. */
export interface LoadPlan {
  readonly url: string;
  readonly requests: readonly { readonly body: string; readonly headers: Readonly<Record<string, string>> }[];
  readonly concurrency: number;
}

export interface LoadResult {
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
}

/** Runs in a worker thread, so the load has a core of its own and does not share the server's event loop. */
async function run(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const target = new URL(plan.url);
  let next = 0;
  let ok = 0;
  let failed = 0;
  const send = (body: string, headers: Readonly<Record<string, string>>) =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (next < plan.requests.length) {
        const item = plan.requests[next++];
        if (item === undefined) break;
        const status = await send(item.body, item.headers);
        if (status >= 200 && status < 300) ok++;
        else failed++;
      }
    }),
  );
  agent.destroy();
  return { sent: plan.requests.length, ok, failed, seconds: (performance.now() - started) / 1000 };
}

if (parentPort !== null) {
  const port = parentPort;
  void run(workerData as LoadPlan).then((result) => port.postMessage(result));
}
