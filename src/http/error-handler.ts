import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ERROR_CATALOGUE } from '../shared/error-codes';
import { isLeadpactError } from '../shared/errors';
import type { Logger } from '../shared/logger';

/** Turns any error into `{ error: { code, message } }` with the catalogue's status; defects say nothing more. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  // Four parameters: express knows an error handler by its arity.
  return (error: unknown, req, res, _next) => {
    if (clientAborted(error)) {
      // The client hung up mid-body: nothing to answer, nothing wrong with us.
      logger.debug({ err: error, path: req.path }, 'client aborted the request');
      req.socket.destroy();
      return;
    }
    if (res.headersSent) {
      // What express's final handler would do, without its console.error of an unscrubbed stack.
      logger.error({ err: error, path: req.path }, 'failed after the response started');
      req.socket.destroy();
      return;
    }
    if (isLeadpactError(error)) {
      if (error.status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
      res.status(error.status).json({ error: error.toJSON() });
      return;
    }
    const bodyError = bodyParserError(error);
    if (bodyError !== undefined) {
      res
        .status(ERROR_CATALOGUE[bodyError].status)
        .json({ error: { code: bodyError, message: ERROR_CATALOGUE[bodyError].hint } });
      return;
    }
    logger.error({ err: error, path: req.path }, 'unexpected error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  };
}

// raw-body (under express.raw / json / urlencoded) reports a client that went away as `request.aborted`.
function clientAborted(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  return type === 'request.aborted' || code === 'ECONNABORTED' || code === 'ECONNRESET';
}

// express.raw / express.json report a too-large or unparsable body with `type` and `status`.
function bodyParserError(
  error: unknown,
): 'PAYLOAD_TOO_LARGE' | 'PAYLOAD_MALFORMED' | 'UNSUPPORTED_MEDIA_TYPE' | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (type === 'entity.too.large' || status === 413) return 'PAYLOAD_TOO_LARGE';
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported')
    return 'PAYLOAD_MALFORMED';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  return undefined;
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no such route' } });
};
