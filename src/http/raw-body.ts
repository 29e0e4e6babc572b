import type { RequestHandler } from 'express';
import { InputError } from '../shared/errors';

/**
 * Reads the request body as raw bytes into `req.body`, refusing more than `limit` bytes. Webhook
 * signatures are computed over the exact bytes, so nothing is decoded or parsed here; the general
 * body parsers (express.raw) do content negotiation and inflation a webhook never needs, at a
 * cost that shows at thousands of requests a second.
 */
export function rawBody(limit: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      next(new InputError('PAYLOAD_TOO_LARGE', `The body exceeds ${limit} bytes.`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !failed) {
        failed = true;
        next(new InputError('PAYLOAD_TOO_LARGE', `The body exceeds ${limit} bytes.`));
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      req.body = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', (error) => {
      if (!failed) next(error);
      failed = true;
    });
  };
}
