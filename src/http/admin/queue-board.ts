import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Application, RequestHandler } from 'express';
import type { Queues } from '../../queue/queues';

/** The adapter's router is an express application (`express()`): a request handler with `render`. */
function isApplication(value: unknown): value is Application {
  return typeof value === 'function' && 'render' in value && typeof value.render === 'function';
}

/**
 * Bull Board's page links a stylesheet from fonts.googleapis.com, so every admin who opens it
 * tells Google so, and the CSP would block it anyway. Its styles name system fonts after IBM Plex,
 * so without the link the page falls back to them. Any <link> to another host goes.
 */
export function withoutThirdPartyLinks(html: string): string {
  return html.replace(/<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>/gi, '');
}

type RenderCallback = (error: Error | null, html?: string) => void;

/** express's res.render calls app.render(view, options, callback): the page passes through here. */
function stripThirdPartyLinks(board: Application): void {
  const render = board.render.bind(board) as (view: string, options: object, callback: RenderCallback) => void;
  const filtered = (view: string, options: object, callback: RenderCallback): void => {
    render(view, options, (error, html) =>
      callback(error, html === undefined ? undefined : withoutThirdPartyLinks(html)),
    );
  };
  board.render = filtered as Application['render'];
}

/** Bull Board over leadpact's queues, served under `basePath` (its pages link to it). */
export function queueBoard(queues: Queues, basePath: string): RequestHandler {
  const serverAdapter = new ExpressAdapter().setBasePath(basePath);
  createBullBoard({
    queues: [queues.inbound, queues.timers, queues.maintenance].map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'leadpact queues' } },
  });
  // The adapter types its router as `any`; it is an express application, i.e. a request handler.
  const board: unknown = serverAdapter.getRouter();
  if (!isApplication(board)) throw new TypeError('Bull Board did not return an express application');
  stripThirdPartyLinks(board);
  return board;
}
