import { parseWholeNumber } from '../shared/option-values';
import { err, ok, type Result } from '../shared/result';

/** What `leadpact demo` was asked to do. */
export interface DemoOptions {
  /** Real milliseconds to run; null: until Ctrl-C. */
  readonly durationMs: number | null;
  /** The story: the same seed plays the same market. */
  readonly seed: number;
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** Print a final JSON line with the counts, for scripts and tests. */
  readonly json: boolean;
}

export interface RawDemoOptions {
  readonly duration: string | undefined;
  readonly seed: string | undefined;
  readonly speed: string | undefined;
  readonly json: boolean;
}

/**
 * Monday 2 March 2026, 09:00 in London (GMT, so 09:00 UTC): EMEA's working day is starting, the
 * Americas open at 13:00 UTC and APAC (Sydney) at 22:00 UTC. The example protocol's calendars list
 * 2026's holidays, and this week has none in any territory, so every run meets the same week.
 */
export const DEMO_START = Date.parse('2026-03-02T09:00:00Z');

/** Two simulated hours per real second: a working week in a minute, a 4-business-hour SLA in about two seconds. */
export const DEFAULT_SPEED = 7_200;
export const DEFAULT_SEED = 1;

const MIN_DURATION_MS = 5_000;
const MAX_DURATION_MS = 24 * 3_600_000;
const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** "60s", "2m", "1h" or plain seconds ("90"), between 5 seconds and a day. */
export function parseDuration(text: string): Result<number, string> {
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*([smh]?)$/.exec(text.trim());
  if (match === null)
    return err(`--duration expects a length such as 60s, 2m or 90, got ${JSON.stringify(text.slice(0, 40))}`);
  const ms = Number(match[1]) * (UNITS[match[2] === '' || match[2] === undefined ? 's' : match[2]] ?? 1_000);
  if (ms < MIN_DURATION_MS || ms > MAX_DURATION_MS)
    return err(`--duration must be between 5s and 24h, got ${JSON.stringify(text.slice(0, 40))}`);
  return ok(Math.round(ms));
}

export function parseDemoOptions(raw: RawDemoOptions): Result<DemoOptions, string> {
  const duration = raw.duration === undefined ? ok(null) : parseDuration(raw.duration);
  if (!duration.ok) return duration;
  const seed = parseWholeNumber(raw.seed ?? String(DEFAULT_SEED), 'seed', 0, 4_294_967_295);
  if (!seed.ok) return seed;
  const speed = parseWholeNumber(raw.speed ?? String(DEFAULT_SPEED), 'speed', 60, 36_000);
  if (!speed.ok) return speed;
  return ok({ durationMs: duration.value, seed: seed.value, speed: speed.value, json: raw.json });
}

const DAY_MS = 86_400_000;

/**
 * The scorecard's period at the end of a run, stated as an explicit span (FROM/TO, ISO 8601
 * instants): from the start of the day before the market opened to the end of the run, so it
 * counts everything the CRMs hold however long the demo ran, and `leadpact report --from --to`
 * given the same two instants prints the same scorecard afterwards.
 */
export function runPeriod(startAt: number, now: number): string {
  const from = Math.floor(startAt / DAY_MS) * DAY_MS - DAY_MS;
  return `${new Date(from).toISOString()}/${new Date(now).toISOString()}`;
}
