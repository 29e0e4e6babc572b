import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'leadpact');
const DATABASE_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SEED_CHUNK = 5_000;

const simLine = z.object({ hubspot: z.object({ url: z.string() }), env: z.record(z.string(), z.string()) });

function cli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`leadpact sim exited with ${code}`)));
  });
}

/** The peak resident set of a running process (VmHWM), in MiB; 0 once it is gone. */
function peakRssMb(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

/** Runs a command to its end, watching its peak memory. */
function measured(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; seconds: number; peakMb: number; stdout: string }> {
  const started = performance.now();
  const child = cli(args, env);
  let peakMb = 0;
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.resume();
  const timer = setInterval(() => (peakMb = Math.max(peakMb, peakRssMb(child.pid ?? 0))), 100);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve({ code, seconds: (performance.now() - started) / 1_000, peakMb, stdout });
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** A Redis of the benchmark's own, so its queue and echo keys never meet anyone else's. */
async function ownRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

async function seed(hubspotUrl: string, count: number): Promise<void> {
  const from = Date.parse('2023-01-01T00:00:00Z');
  for (let first = 0; first < count; first += SEED_CHUNK) {
    const contacts = Array.from({ length: Math.min(SEED_CHUNK, count - first) }, (_, k) => {
      const i = first + k;
      const at = new Date(from + i * 30_000).toISOString();
      return {
        email: `c${i}@company-${i % 997}.example`,
        firstname: 'Pat',
        lastname: `Contact ${i}`,
        company: `Company ${i % 997}`,
        country: 'Spain',
        createdate: at,
        lastmodifieddate: at,
      };
    });
    const response = await fetch(`${hubspotUrl}/__sim/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contacts }),
    });
    if (!response.ok) throw new Error(`seeding failed: ${response.status}`);
  }
}

/**
 * `leadpact backfill` over `count` HubSpot contacts, run as an
 * operator runs it: the simulators in a `leadpact sim` process of their own, the backfill in
 * another, whose peak resident memory (VmHWM) is what this reports. Pages are streamed, so the peak
 * should not grow with the number of contacts: compare a run at a tenth of the size.
 * Real limits: 100 requests per rolling 10 s, 5 searches a second.
 */
export async function run(count: number): Promise<Record<string, number | string>> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const sim = cli(['sim'], { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' });
  const redis = await ownRedis();
  try {
    const line = simLine.parse(JSON.parse(await firstLine(sim)));
    await seed(line.hubspot.url, count);
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '/tmp',
      LOG_LEVEL: 'warn',
      ...line.env,
      DATABASE_URL: `${DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      REDIS_URL: redis.url,
    };
    const provisioned = await measured(['provision'], env);
    if (provisioned.code !== 0) throw new Error('leadpact provision failed');
    const result = await measured(['backfill'], env);
    const leads = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.leads`);
    return {
      contacts: count,
      exitCode: result.code ?? -1,
      leadsInLedger: leads.rows[0]?.n ?? 0,
      seconds: Number(result.seconds.toFixed(1)),
      contactsPerSecond: Number((count / result.seconds).toFixed(1)),
      peakRssMb: Number(result.peakMb.toFixed(1)),
      provisionPeakRssMb: Number(provisioned.peakMb.toFixed(1)),
      summary: result.stdout.trim().split('\n')[0] ?? '',
    };
  } finally {
    sim.kill('SIGTERM');
    redis.stop();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
