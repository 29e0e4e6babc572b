import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadPlan, LoadResult } from './load-worker';

/** Replays prepared requests against a URL from a worker thread; resolves with what came back. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'load-worker.js'), { workerData: plan });
    worker.once('message', (result: LoadResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}
