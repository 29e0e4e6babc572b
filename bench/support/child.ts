import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A benchmark process of its own (simulators, a worker), spoken to over fork's IPC channel. */
export interface Child<Request, Reply> {
  readonly pid: number;
  /** The first message the child sent once it started. */
  readonly ready: Reply;
  /** One request, one reply: requests to a child are not interleaved. */
  ask(request: Request): Promise<Reply>;
  /** CPU time the child has used so far, in ms (user + system). */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts dist/bench/support/<entry>.js with one JSON argument; resolves on its first message. */
export async function startChild<Request, Reply>(entry: string, argument: unknown): Promise<Child<Request, Reply>> {
  const child: ChildProcess = fork(join(__dirname, `${entry}.js`), [JSON.stringify(argument)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((reply: Reply) => void)[] = [];
  const exited = once(child, 'exit');
  const ready = await new Promise<Reply>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Reply));
    void exited.then(([code]) =>
      reject(new Error(`bench process ${entry} exited with ${String(code)} before it was ready`)),
    );
  });
  child.on('message', (message) => waiting.shift()?.(message as Reply));
  const ask = (request: Request) =>
    new Promise<Reply>((resolve) => {
      waiting.push(resolve);
      child.send(request as object);
    });
  return {
    pid: child.pid ?? 0,
    ready,
    ask,
    async cpuMs() {
      const reply = (await ask({ op: 'cpu' } as Request)) as { usage?: NodeJS.CpuUsage };
      return cpuMs(reply.usage);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.disconnect();
      await exited;
    },
  };
}

export function cpuMs(usage: NodeJS.CpuUsage | undefined): number {
  return usage === undefined ? Number.NaN : (usage.user + usage.system) / 1000;
}

/** Busy and total jiffies of the whole machine (/proc/stat): what every process, ours or not, used. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * CPU seconds used so far by every process of the given names (/proc/<pid>/stat utime + stime, at
 * 100 ticks a second): Redis and Postgres, which the workers keep busy too. Processes that ended
 * between two readings are missed; the pools keep their connections, so few do.
 */
export function namedProcessCpu(names: readonly string[]): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!(name in totals)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      totals[name] = (totals[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended while we read.
    }
  }
  return totals;
}
