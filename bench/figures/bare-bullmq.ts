import { Queue, Worker } from 'bullmq';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { silentLogger } from '../../src/shared/logger';

const JOBS = 20_000;
const ADDERS = 32;

/**
 * The least a queue-based service can do per event: one BullMQ add (as an ingress would, 32
 * concurrent producers) and a worker whose processor does nothing. Events per second, end to end.
 */
export async function bareBullmqRate(redisUrl: string, prefix: string): Promise<number> {
  const producer = createRedis(redisUrl, 'producer', silentLogger());
  const consumer = createRedis(redisUrl, 'worker', silentLogger());
  const queue = new Queue('bare', { connection: producer, prefix });
  let done = 0;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const worker = new Worker('bare', async () => undefined, { connection: consumer, prefix, concurrency: 16 });
  worker.on('completed', () => {
    done++;
    if (done === JOBS) finished();
  });
  try {
    await worker.waitUntilReady();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: ADDERS }, async () => {
        while (next < JOBS) {
          const n = next++;
          await queue.add('event', { n }, { jobId: `e${n}`, removeOnComplete: true });
        }
      }),
    );
    await allDone;
    return JOBS / ((performance.now() - started) / 1000);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await closeRedis(producer);
    await closeRedis(consumer);
  }
}
