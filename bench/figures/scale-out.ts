import { withProcessStack } from '../support/process-stack';
import { burstFigures, type BurstFigures } from './burst';

export interface ScaleOutPoint {
  readonly workers: number;
  readonly burst: BurstFigures;
}

/** The same burst through 1, 2 and 4 `leadpact work` processes on one Redis and one Postgres. */
export async function scaleOutFigures(
  contacts: number,
  counts: readonly number[] = [1, 2, 4],
): Promise<ScaleOutPoint[]> {
  const points: ScaleOutPoint[] = [];
  for (const workers of counts) {
    process.stderr.write(`  ${workers} worker process(es)...\n`);
    points.push({ workers, burst: await withProcessStack(workers, (stack) => burstFigures(stack, contacts)) });
  }
  return points;
}

const s1 = (x: number) => x.toFixed(1);

/** Where the CPU went during a burst: each process's seconds, and the cores they add up to. */
export function cpuDetail(f: BurstFigures): string {
  const { cpu } = f;
  const together = cpu.ingress + cpu.simulators + cpu.redis + cpu.postgres + cpu.workers.reduce((a, b) => a + b, 0);
  return (
    `CPU s: ingress+bench ${s1(cpu.ingress)}, simulators ${s1(cpu.simulators)}, ` +
    `worker(s) ${cpu.workers.map(s1).join(' + ')}, Redis ${s1(cpu.redis)}, Postgres ${s1(cpu.postgres)}; together ${(together / f.seconds).toFixed(2)} of ${cpu.cores} cores, ` +
    `machine busy ${(cpu.machineBusy * 100).toFixed(0)} % (Redis, Postgres, other tenants included)`
  );
}

/**
 * HubSpot's rate limit alone sets a floor on the burst's time: its calls at 190 per 10 s, shared by
 * every worker (each observes the remaining budget the API reports).
 */
export function hubspotBudgetSeconds(f: BurstFigures, ratePer10s = 190): number {
  return (f.hubspotCalls / ratePer10s) * 10;
}

/** Why the curve flattens, named from the measurements: the cores, or HubSpot's rate budget. */
export function flatteningCause(points: readonly ScaleOutPoint[]): string {
  const last = points[points.length - 1];
  if (last === undefined) return 'no measurement';
  const f = last.burst;
  const budget = hubspotBudgetSeconds(f);
  if (budget >= 0.8 * f.seconds)
    return `HubSpot's rate budget: ${f.hubspotCalls} calls need ≥ ${s1(budget)} s at 190/10 s of the ${s1(f.seconds)} s`;
  if (f.cpu.machineBusy >= 0.85)
    return `the cores: the machine was ${(f.cpu.machineBusy * 100).toFixed(0)} % busy across its ${f.cpu.cores} cores with ${last.workers} workers`;
  return `neither the cores (${(f.cpu.machineBusy * 100).toFixed(0)} % busy) nor HubSpot's budget (${s1(budget)} of ${s1(f.seconds)} s): waiting on Redis, Postgres or the batch windows`;
}
