import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Router } from 'express';
import type { HttpServices } from '../service/runtime';
import { describeSimulators } from './simulators';
import { adminRouters } from '../service/admin-routers';
import { activateProtocol, type LoadedProtocol } from '../service/protocol-source';
import { acceleratedClock, type Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { err, ok, type Result } from '../shared/result';
import { openStore, type Db } from '../store';
import { leadCount } from './demo-queries';
import { findRedis, type DemoRedis } from './redis-source';
import { startSimulatedStack, type SimulatedStack } from './simulated-stack';

export interface DemoStackOptions {
  readonly redisUrl: string;
  readonly redisExplicit: boolean;
  /** DATA_DIR when it was set; otherwise the demo makes a temporary folder and removes it at exit. */
  readonly dataDir: string | null;
  /** ADMIN_TOKEN when it was set; otherwise the demo makes one. */
  readonly adminToken: string | undefined;
  readonly protocol: LoadedProtocol;
  readonly protocolFile: string;
  readonly startAt: number;
  readonly speed: number;
  readonly logger: Logger;
  /** Where the demo says what it set up (one line each). */
  readonly say: (line: string) => void;
}

export interface DemoStack {
  readonly stack: SimulatedStack;
  readonly db: Db;
  readonly clock: Clock;
  readonly dataDir: string;
  /** Whether the data folder outlives the demo (DATA_DIR was set). */
  readonly dataDirKept: boolean;
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
  /** The service's HTTP port (127.0.0.1). */
  readonly port: number;
  /** Stops the service, the simulators and Redis (or removes the demo's keys from a Redis it found); the database stays open. */
  stopService(): Promise<void>;
  /** Stops everything the demo started, in order, and removes what it made. */
  close(): Promise<void>;
  /** Best effort for a process exiting now: kill a started redis-server, remove temporary folders. */
  closeNow(): void;
}

/** The simulators' URLs and the credentials they accept, for anyone who wants to look inside them (mode 0600). */
const SIMULATORS_FILE = 'simulators.json';

function dataFolder(explicit: string | null): { dir: string; temporary: boolean } {
  if (explicit !== null) {
    mkdirSync(explicit, { recursive: true });
    return { dir: resolve(explicit), temporary: false };
  }
  return { dir: mkdtempSync(join(tmpdir(), 'leadpact-demo-')), temporary: true };
}

/**
 * The admin API needs the protocol routed to the simulated org's users, known only once the
 * stack runs; the app's routers are made before. This router forwards to it once it exists.
 */
function lateRouter(): { router: Router; set(routers: readonly Router[]): void } {
  const inner = Router();
  const router = Router();
  router.use((req, res, next) => inner(req, res, next));
  return { router, set: (made) => inner.use(...made) };
}

/**
 * Redis, the embedded database, both simulators and the whole service on an accelerated clock,
 * with the admin API and the scorecard page mounted. Fails with a message when there is no Redis
 * or when DATA_DIR already holds another story.
 */
export async function openDemoStack(options: DemoStackOptions): Promise<Result<DemoStack, string>> {
  const redis = await findRedis({ url: options.redisUrl, explicit: options.redisExplicit });
  if (!redis.ok) return redis;
  options.say(describeRedis(redis.value));
  const data = dataFolder(options.dataDir);
  const removeData = () => {
    if (data.temporary) rmSync(data.dir, { recursive: true, force: true });
  };
  options.say(
    `Data:  embedded PGlite in ${data.dir}${data.temporary ? ' (temporary, removed at exit; set DATA_DIR to keep it)' : ''}`,
  );
  let db: Db | undefined;
  try {
    db = await openStore({
      databaseUrl: undefined,
      dataDir: data.dir,
      logger: options.logger.child({ module: 'store' }),
    });
    const existing = await leadCount(db);
    if (existing > 0) {
      await db.close();
      await redis.value.stop();
      return err(
        `DATA_DIR ${data.dir} already holds ${existing} leads from another run; the demo tells its story on an empty database. Point DATA_DIR at a new folder, or unset it.`,
      );
    }
    await activateProtocol(db, options.protocol, options.protocolFile);
    return ok(await startStack(options, { redis: redis.value, db, data, removeData }));
  } catch (error) {
    await db?.close().catch(() => undefined);
    await redis.value.stop();
    removeData();
    throw error;
  }
}

function describeRedis(redis: DemoRedis): string {
  switch (redis.origin) {
    case 'REDIS_URL':
      return 'Redis: the one at REDIS_URL (the demo uses keys of its own and removes them at exit)';
    case 'local':
      return `Redis: the local one at ${redis.url} (the demo uses keys of its own and removes them at exit)`;
    case 'started':
      return `Redis: none was running, so the demo started redis-server at ${redis.url} in ${redis.folder ?? 'a temporary folder'} (stopped and removed at exit)`;
  }
}

interface Parts {
  readonly redis: DemoRedis;
  readonly db: Db;
  readonly data: { readonly dir: string; readonly temporary: boolean };
  readonly removeData: () => void;
}

async function startStack(options: DemoStackOptions, parts: Parts): Promise<DemoStack> {
  const { redis, db, data } = parts;
  const clock = acceleratedClock(options.startAt, options.speed);
  const prefix = `{leadpact-demo-${randomBytes(4).toString('hex')}}`;
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const admin = lateRouter();
  let services: HttpServices | undefined;
  const stack = await startSimulatedStack({
    db,
    redisUrl: redis.url,
    prefix,
    protocolText: options.protocol.text,
    clock,
    logger: options.logger,
    // An accelerated clock would expire Salesforce's two-hour sessions every second.
    salesforce: { sessionTtlMs: 365 * 86_400_000 },
    // A Redis the demo found is someone's: its keys go when the stack closes. One it started goes whole.
    disposeRedisKeys: redis.origin !== 'started',
    routers: (made) => {
      services = made;
      return [admin.router];
    },
  });
  if (services !== undefined)
    admin.set(
      // The market runs in the simulated month: the page's monthly pack opens that month, which holds the data.
      adminRouters({
        db,
        protocol: stack.protocol,
        clock,
        logger: options.logger,
        adminToken,
        packPeriod: 'calendar-month',
      })(services),
    );
  options.say(
    `CRMs:  simulated Salesforce at ${stack.sf.url}, simulated HubSpot at ${stack.hs.url} (their credentials: ${writeSimulatorsFile(data.dir, stack)})`,
  );
  return {
    stack,
    db,
    clock,
    dataDir: data.dir,
    dataDirKept: !data.temporary,
    adminToken,
    adminTokenGenerated: options.adminToken === undefined,
    port: stack.runtime.http?.port ?? 0,
    ...teardown(options.logger, stack, parts),
  };
}

function writeSimulatorsFile(dir: string, stack: SimulatedStack): string {
  const file = join(dir, SIMULATORS_FILE);
  const webhooks = { hubspot: `${stack.baseUrl}/webhooks/hubspot`, salesforce: `${stack.baseUrl}/webhooks/salesforce` };
  writeFileSync(file, `${JSON.stringify(describeSimulators(stack.sf, stack.hs, webhooks), null, 2)}\n`, {
    mode: 0o600,
  });
  // The mode given to writeFileSync applies only when it creates the file.
  chmodSync(file, 0o600);
  return file;
}

/** Stopping, in order: the service and the simulators, then Redis (or the demo's keys), then the database and the data folder. */
function teardown(
  logger: Logger,
  stack: SimulatedStack,
  parts: Parts,
): Pick<DemoStack, 'stopService' | 'close' | 'closeNow'> {
  const { redis, db, removeData } = parts;
  const timed = async (step: string, fn: () => Promise<unknown>) => {
    const started = Date.now();
    await fn();
    logger.debug({ step, ms: Date.now() - started }, 'demo shutdown step done');
  };
  let serviceStopped: Promise<void> | undefined;
  const stopService = () => {
    serviceStopped ??= (async () => {
      await timed('service, simulators and their Redis keys', () => stack.close());
      await timed('redis-server the demo started, if any', () => redis.stop());
    })();
    return serviceStopped;
  };
  let closed: Promise<void> | undefined;
  return {
    stopService,
    close() {
      closed ??= (async () => {
        await stopService();
        await timed('database', () => db.close());
        removeData();
      })();
      return closed;
    },
    closeNow() {
      redis.stopNow();
      removeData();
    },
  };
}
