import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { Queues } from '../../queue/queues';

function isHandler(value: unknown): value is RequestHandler {
  return typeof value === 'function';
}

/** Bull Board over leadpact's queues, served under `basePath` (its pages link to it). */
export function queueBoard(queues: Queues, basePath: string): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: [queues.inbound, queues.timers, queues.maintenance].map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'leadpact queues' } },
  });
  // The adapter types its router as `any`; it is an express router, i.e. a request handler.
  const router: unknown = serverAdapter.getRouter();
  if (!isHandler(router)) throw new TypeError('Bull Board did not return an express router');
  return router;
}
