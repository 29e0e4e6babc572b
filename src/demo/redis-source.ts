import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../shared/net';
import { err, ok, type Result } from '../shared/result';

/** Where the demo's Redis came from, said to the user in these words. */
export type RedisOrigin = 'REDIS_URL' | 'local' | 'started';

export interface DemoRedis {
  readonly url: string;
  readonly origin: RedisOrigin;
  /** The temporary folder of a redis-server the demo started (removed by stop). */
  readonly folder: string | null;
  /** Stops a redis-server the demo started and removes its folder; nothing for one it found. */
  stop(): Promise<void>;
  /** The same, synchronously, for a process that is exiting now. */
  stopNow(): void;
}

export interface FindRedisOptions {
  readonly url: string;
  /** REDIS_URL was set: use it or say why not, rather than quietly use another Redis. */
  readonly explicit: boolean;
  /** The redis-server command (default from PATH). */
  readonly command?: string;
  readonly probeTimeoutMs?: number;
  readonly startTimeoutMs?: number;
}

export const HOW_TO_GET_REDIS =
  'The demo needs Redis 6.2 or newer. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) so that ' +
  '`redis-server` is on PATH, or run one with `docker run --rm -p 6379:6379 redis:7`, or point REDIS_URL at one.';

/** Whether a Redis answers PING at `url` within the timeout; silent either way. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const found = (url: string, origin: RedisOrigin): DemoRedis => ({
  url,
  origin,
  folder: null,
  stop: () => Promise.resolve(),
  stopNow: () => undefined,
});

/**
 * REDIS_URL when set; else the local Redis when one answers; else a redis-server from PATH on a
 * free port, in a temporary folder, saving nothing to disk. When none of these works, a message
 * that says how to get Redis (the URL may hold a password, so it is never repeated).
 */
export async function findRedis(options: FindRedisOptions): Promise<Result<DemoRedis, string>> {
  const timeout = options.probeTimeoutMs ?? 1_500;
  if (await redisAnswers(options.url, timeout)) return ok(found(options.url, options.explicit ? 'REDIS_URL' : 'local'));
  if (options.explicit)
    return err(
      `Redis at REDIS_URL did not answer within ${timeout / 1000} s. Start it, or unset REDIS_URL to let the demo find or start one. ${HOW_TO_GET_REDIS}`,
    );
  // Not set by the user: the default URL, which holds no password, so its address may be shown.
  return startRedisServer(
    options.command ?? 'redis-server',
    options.startTimeoutMs ?? 10_000,
    new URL(options.url).host,
  );
}

async function startRedisServer(
  command: string,
  timeoutMs: number,
  probed: string,
): Promise<Result<DemoRedis, string>> {
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'leadpact-demo-redis-'));
  // Its own process group: the Ctrl-C a terminal sends to the demo's group must not take Redis away
  // while the demo is still shutting down on it. The demo stops it (and kills it on a hard exit).
  const child = spawn(
    command,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const started = await untilReady(child, timeoutMs);
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  if (!started.ok) {
    child.kill('SIGKILL');
    removeFolder();
    return err(
      started.error === 'ENOENT'
        ? `No Redis answered at ${probed} and \`${command}\` is not on PATH. ${HOW_TO_GET_REDIS}`
        : `${command} did not start: ${started.error}. ${HOW_TO_GET_REDIS}`,
    );
  }
  let stopped: Promise<void> | undefined;
  return ok({
    url: `redis://127.0.0.1:${port}`,
    origin: 'started',
    folder,
    stop() {
      stopped ??= stopChild(child).then(removeFolder);
      return stopped;
    },
    stopNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      removeFolder();
    },
  });
}

function untilReady(child: ChildProcess, timeoutMs: number): Promise<Result<void, string>> {
  return new Promise((resolve) => {
    let output = '';
    const timer = setTimeout(() => resolve(err(`not ready within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      // Nothing more is read, but the pipe keeps flowing: a full pipe would block the server.
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve(ok(undefined));
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err(error.code ?? error.message));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(err(`it exited with code ${String(code)}: ${output.trim().split('\n').slice(-1)[0] ?? ''}`));
    });
  });
}

/** SIGTERM, then SIGKILL if it has not gone within three seconds. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
