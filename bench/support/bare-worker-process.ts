import { Worker } from 'bullmq';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { silentLogger } from '../../src/shared/logger';

/** The bare reference's no-op BullMQ worker in a process of its own, as leadpact's workers run. */
export interface BareWorkerArgument {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly jobs: number;
}

export type BareWorkerReply =
  | { readonly op: 'ready' }
  | { readonly op: 'done'; readonly completed: number }
  | { readonly op: 'cpu'; readonly usage: NodeJS.CpuUsage };

async function main(argument: BareWorkerArgument): Promise<void> {
  const consumer = createRedis(argument.redisUrl, 'worker', silentLogger());
  const worker = new Worker('bare', async () => undefined, {
    connection: consumer,
    prefix: argument.prefix,
    concurrency: 16,
  });
  const send = (reply: BareWorkerReply) => process.send?.(reply);
  let completed = 0;
  let waiting: (() => void) | undefined;
  worker.on('completed', () => {
    completed++;
    if (completed >= argument.jobs) waiting?.();
  });
  // 'wait': answer once every job was completed; 'cpu': the CPU time used so far.
  process.on('message', (request: { op: 'wait' | 'cpu' }) => {
    if (request.op === 'cpu') send({ op: 'cpu', usage: process.cpuUsage() });
    else if (completed >= argument.jobs) send({ op: 'done', completed });
    else waiting = () => send({ op: 'done', completed });
  });
  process.on('disconnect', () => {
    void worker
      .close()
      .then(() => closeRedis(consumer))
      .then(() => process.exit(0));
  });
  await worker.waitUntilReady();
  send({ op: 'ready' });
}

main(JSON.parse(process.argv[2] ?? '{}') as BareWorkerArgument).catch((error: unknown) => {
  process.stderr.write(
    `bench bare worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
