import { Queue } from 'bullmq';
import { closeRedis, createRedis } from '../../src/queue/connection';
import { silentLogger } from '../../src/shared/logger';
import { startChild } from '../support/child';
import type { BareWorkerArgument, BareWorkerReply } from '../support/bare-worker-process';

const JOBS = 10_000;
const ADDERS = 32;
const RUNS = 3;

export interface BareRate {
  /** Median jobs/s of the runs. */
  readonly jobsPerSecond: number;
  readonly runs: readonly number[];
  /** The no-op worker's CPU ms per job (user + system), median of the runs: BullMQ's own cost of a job. */
  readonly workerCpuMsPerJob: number;
}

/**
 * The least a queue-based service can do per event: one BullMQ add (as an ingress would, 32
 * concurrent producers, in this process) and a worker whose processor does nothing, in a process of
 * its own as leadpact's workers are. Events per second, end to end: the median of 3 short runs, as
 * one run swings by a factor of 2–3 on a shared machine.
 */
export async function bareBullmqRate(redisUrl: string, prefix: string): Promise<BareRate> {
  const runs: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const one = await oneRun(redisUrl, `${prefix}-${run}`);
    runs.push(one.jobsPerSecond);
    cpu.push(one.workerCpuMsPerJob);
  }
  return { jobsPerSecond: median(runs), runs, workerCpuMsPerJob: median(cpu) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function oneRun(redisUrl: string, prefix: string): Promise<{ jobsPerSecond: number; workerCpuMsPerJob: number }> {
  const producer = createRedis(redisUrl, 'producer', silentLogger());
  const queue = new Queue('bare', { connection: producer, prefix });
  const argument: BareWorkerArgument = { redisUrl, prefix, jobs: JOBS };
  const worker = await startChild<{ op: 'wait' | 'cpu' }, BareWorkerReply>('bare-worker-process', argument);
  try {
    const cpuBefore = await worker.cpuMs();
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
    await worker.ask({ op: 'wait' });
    const jobsPerSecond = JOBS / ((performance.now() - started) / 1000);
    return { jobsPerSecond, workerCpuMsPerJob: ((await worker.cpuMs()) - cpuBefore) / JOBS };
  } finally {
    await worker.stop();
    await queue.obliterate({ force: true });
    await queue.close();
    await closeRedis(producer);
  }
}
