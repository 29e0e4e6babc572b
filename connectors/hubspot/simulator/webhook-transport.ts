import http from 'node:http';
import https from 'node:https';

export type PostResult =
  | { readonly kind: 'answered'; readonly status: number; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'failed'; readonly reason: 'timeout' | 'connection' | 'aborted' };

/**
 * POSTs one webhook batch on a fresh connection (no keep-alive, so closing the simulator leaves no
 * socket behind). HubSpot counts a missing answer within the timeout as a failure.
 */
export function postJson(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<PostResult> {
  if (signal.aborted) return Promise.resolve({ kind: 'failed', reason: 'aborted' });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: PostResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.request(
      target,
      { method: 'POST', agent: false, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } },
      (response) => {
        response.resume();
        response.on('end', () =>
          settle({
            kind: 'answered',
            status: response.statusCode ?? 0,
            retryAfterMs: retryAfter(response.headers['retry-after']),
          }),
        );
        response.on('error', () => settle({ kind: 'failed', reason: 'connection' }));
      },
    );
    const onAbort = (): void => {
      settle({ kind: 'failed', reason: 'aborted' });
      request.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.setTimeout(timeoutMs, () => {
      settle({ kind: 'failed', reason: 'timeout' });
      request.destroy();
    });
    request.on('error', () => settle({ kind: 'failed', reason: 'connection' }));
    request.on('close', () => signal.removeEventListener('abort', onAbort));
    request.end(body);
  });
}

function retryAfter(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
