import { connect } from 'node:net';
import { Writable } from 'node:stream';
import express, { Router } from 'express';
import { Registry } from 'prom-client';
import { createApp } from '../../../src/http/app';
import { listen, type RunningServer } from '../../../src/service/http-server';
import { createLogger } from '../../../src/shared/logger';

interface Line {
  readonly level: number;
  readonly msg: string;
  readonly err?: { readonly message?: string; readonly stack?: string; readonly code?: string };
}

/** An app whose routes fail as a defect would, and take a body, logging to memory. */
async function serve(): Promise<{ url: string; port: number; lines: Line[]; server: RunningServer }> {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  const router = Router();
  router.get('/boom', () => {
    throw Object.assign(new Error('lookup failed for ada@example.com'), { code: 'EBOOM' });
  });
  router.post('/upload', express.json(), (_req, res) => {
    res.json({ ok: true });
  });
  const app = createApp({
    logger: createLogger({ level: 'debug', destination }),
    registry: new Registry(),
    readiness: {},
    routers: [router],
  });
  const server = await listen(app, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${server.port}`, port: server.port, lines, server };
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never saw ${what}`);
}

describe('what the logs keep of a failure', () => {
  let served: Awaited<ReturnType<typeof serve>>;
  beforeEach(async () => {
    served = await serve();
  });
  afterEach(async () => {
    await served.server.close(100);
  });

  it('an INTERNAL answer has a log line with the error message, code and stack (scrubbed)', async () => {
    const response = await fetch(`${served.url}/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    const line = await until(() => served.lines.find((l) => l.msg === 'unexpected error'), 'the error line');
    expect(line.level).toBe(50);
    expect(line.err?.message).toBe('lookup failed for [email]');
    expect(line.err?.code).toBe('EBOOM');
    expect(line.err?.stack).toMatch(/^Error: lookup failed for \[email\]\n\s+at /);
    expect(JSON.stringify(served.lines)).not.toContain('ada@example.com');
  });

  it('a client that hangs up mid-body is logged at debug, not as an error', async () => {
    const socket = connect(served.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const head = 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    await new Promise<void>((resolve) => socket.write(`${head}{"half":`, () => resolve()));
    socket.destroy();
    const line = await until(() => served.lines.find((l) => l.msg === 'client aborted the request'), 'the abort');
    expect(line.level).toBe(20);
    expect(served.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
