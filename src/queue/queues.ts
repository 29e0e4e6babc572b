import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** Every queue leadpact uses; names are short because they are part of every Redis key. */
export const QUEUE_NAMES = {
  /** Webhook batches and notifications, as they arrived. */
  inbound: 'inbound',
  /** SLA, recycle and marketing timers: delayed jobs that come back as timer.fired. */
  timers: 'timers',
  /** Scheduled housekeeping: reconciliation, dormancy and timer sweeps, metrics publication. */
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/**
 * The default prefix. The braces make it a Redis Cluster hash tag, so every key of a queue lands
 * on one slot, as BullMQ requires on Cluster (https://docs.bullmq.io/guide/redis-cluster).
 */
export const DEFAULT_PREFIX = '{leadpact}';

/** Retries with exponential back-off; failed jobs are kept so `leadpact dlq` can show them. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3_600 },
};

/** BullMQ refuses ':' in custom job ids (it separates key parts); ids derived from keys avoid it. */
export function jobIdFor(key: string): string {
  return key.replace(/:/g, '.');
}

export interface Queues {
  /** The key prefix the queues were made with; workers on them must use the same. */
  readonly prefix: string;
  readonly inbound: Queue;
  readonly timers: Queue;
  readonly maintenance: Queue;
  close(): Promise<void>;
}

/**
 * The queues on a connection made by createRedis, which logs when Redis is lost and when it is back.
 * A Queue re-emits each failed reconnect as an 'error', and BullMQ prints an unheard one to stderr
 * with its stack, a line per attempt outside the structured log: they are heard and let go here.
 */
export function createQueues(connection: Redis, prefix: string): Queues {
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    queue.on('error', () => undefined);
    return queue;
  };
  const queues = {
    inbound: make(QUEUE_NAMES.inbound),
    timers: make(QUEUE_NAMES.timers),
    maintenance: make(QUEUE_NAMES.maintenance),
  };
  return {
    ...queues,
    prefix,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}
