import { DEFAULT_PIPELINE_SETTINGS, startPipeline, type Pipeline } from '../../jobs/pipeline';
import { closeRedis, createRedis } from '../queue/connection';
import { createQueues } from '../queue/queues';
import { reconcileWindows, startChangeSource } from './cdc';
import { createRelays, engineDeps, ownerNamesRefresh, workerDeps } from './compose';
import type { Lifecycle } from './lifecycle';
import type { RuntimeParts } from './runtime';
import { watchWorkerSync } from './sync-health';

// Apart from runtime.ts so a process with workers and no ingress (`leadpact backfill`) does not
// load the HTTP server (express and its dependencies: ~23 MB resident).

/** The worker role on shared parts: the engine, the relays and the processors, built by the composition root. */
export async function startWorkers(
  parts: Omit<RuntimeParts, 'http' | 'workers'>,
  workers: NonNullable<RuntimeParts['workers']>,
  lifecycle: Lifecycle,
): Promise<Pipeline> {
  const settings = { ...DEFAULT_PIPELINE_SETTINGS, ...workers.settings };
  const redis = createRedis(parts.redisUrl, 'worker', parts.logger.child({ module: 'pipeline' }));
  lifecycle.add('connections', 'redis-worker', () => closeRedis(redis));
  const queues = createQueues(redis, parts.prefix);
  lifecycle.add('connections', 'worker-queues', () => queues.close());
  const apply = engineDeps(parts, queues);
  const onBatch = watchWorkerSync(parts, workers, settings.usageSampleEveryMs, lifecycle);
  const relays = createRelays({ ...parts, redis, queues, crms: workers, settings, onBatch });
  const now = () => parts.clock.now();
  const deps = {
    ...workerDeps(parts, apply, redis, parts.prefix, workers),
    reconcileWindow: reconcileWindows(parts.db, queues, parts.metrics.registry, now),
  };
  const started = await startPipeline({
    redis,
    queues,
    deps,
    relays,
    metrics: parts.metrics,
    logger: parts.logger,
    settings,
    ...(workers.salesforceOrg === undefined ? {} : { ownerNames: ownerNamesRefresh(parts, workers.salesforceOrg) }),
    ...(workers.processes === undefined ? {} : { processes: workers.processes }),
  });
  lifecycle.add('workers', 'pipeline', () => started.close());
  if (workers.changeSource !== undefined)
    startChangeSource(
      { db: parts.db, logger: parts.logger, registry: parts.metrics.registry, now },
      workers.changeSource,
      redis,
      queues,
      lifecycle,
    );
  return started;
}
