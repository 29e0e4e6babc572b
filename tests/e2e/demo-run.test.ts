import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { cleanEnv, runCli, type CliResult } from '../support/cli';
import { OwnRedis } from '../support/redis-server';

// A token as strong as start-up demands (32 random hex characters and up).
const ADMIN_TOKEN = randomBytes(32).toString('hex');
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

const counts = z.object({
  handedOff: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  rejectedByCode: z.record(z.string(), z.number()),
  slaBreached: z.number(),
  won: z.number(),
  wonAmount: z.number(),
});
const summarySchema = z.object({
  seed: z.number(),
  stoppedBy: z.literal('duration'),
  steady: z.boolean(),
  agree: z.boolean(),
  failedActs: z.number(),
  droppedWebhookEvents: z.number(),
  crm: counts.extend({ contacts: z.number(), lost: z.number(), wonInHubSpot: z.number() }),
  scorecard: counts,
  checks: z.array(
    z.object({
      name: z.string(),
      crm: z.union([z.number(), z.string()]),
      scorecard: z.union([z.number(), z.string()]),
      agree: z.boolean(),
    }),
  ),
});
const simulatorsFile = z.object({
  salesforce: z.object({ env: z.record(z.string(), z.string()) }),
  hubspot: z.object({ env: z.record(z.string(), z.string()), developerApiKey: z.string(), uiUserToken: z.string() }),
});

/** A metric's value in the printed scorecard's table: "Handed off to Sales   38 ...". */
function printed(stdout: string, label: string): number {
  const match = new RegExp(`^${label}\\s+([0-9,]+)\\b`, 'm').exec(stdout);
  if (match?.[1] === undefined) throw new Error(`no "${label}" row in the printed scorecard`);
  return Number(match[1].replace(/,/g, ''));
}

describe('leadpact demo --duration, as a user runs it (LOG_LEVEL=debug)', () => {
  let redis: OwnRedis;
  let dataDir: string;
  let result: CliResult;
  let summary: z.infer<typeof summarySchema>;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    dataDir = mkdtempSync(join(tmpdir(), 'leadpact-e2e-demo-'));
    const env = cleanEnv({ LOG_LEVEL: 'debug', DATA_DIR: dataDir, REDIS_URL: redis.url, ADMIN_TOKEN });
    // One simulated hour a second, half the default: a CI machine running other suites alongside
    // keeps up with the market, and 40 s still cover two working days.
    result = await runCli(['demo', '--duration', '40s', '--speed', '3600', '--json'], env, 120_000);
    const last = result.stdout.trim().split('\n').at(-1) ?? '';
    summary = summarySchema.parse(JSON.parse(last));
  }, 150_000);

  afterAll(async () => {
    await redis.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops by itself, exits 0, and says it shut down cleanly', () => {
    expect(result.code).toBe(0);
    const stopped = /stopped cleanly in ([0-9.]+) s/.exec(result.stderr);
    expect(stopped).not.toBeNull();
    expect(summary.failedActs).toBe(0);
  });

  it('tells the story as it happens: hand-offs, answers with and without a code, a breach, a merge, a win', () => {
    const story = result.stdout.split('\n').filter((line) => / — /.test(line));
    const told = (pattern: RegExp) => story.some((line) => pattern.test(line));
    expect(told(/qualified and handed off to Sales/)).toBe(true);
    expect(told(/Sales accepted Lead/)).toBe(true);
    expect(told(/: (NOT_READY|NO_BUDGET|NOT_ICP|BAD_DATA|WRONG_PERSON|DUPLICATE|EXISTING_CUSTOMER|COMPETITOR) →/)).toBe(
      true,
    );
    expect(told(/without a reason code → protocol violation/)).toBe(true);
    expect(told(/SLA breached on Lead .*→ a Task for the manager/)).toBe(true);
    expect(told(/Marketing merged the duplicate contact/)).toBe(true);
    expect(told(/^\w{3} \d\d:\d\d — Won: /)).toBe(true);
    // A handful of moments, not one line per event.
    expect(story.length).toBeLessThan(40);
  });

  it('ends with a scorecard whose counts agree with what the simulated CRMs hold', () => {
    expect(summary.droppedWebhookEvents).toBe(0);
    expect(summary.checks.filter((check) => !check.agree)).toEqual([]);
    expect(summary.agree).toBe(true);
    expect(summary.steady).toBe(true);
    const { crm } = summary;
    expect(crm.contacts).toBeGreaterThan(crm.handedOff);
    expect(crm.handedOff).toBeGreaterThanOrEqual(15);
    expect(crm.accepted).toBeGreaterThan(crm.rejected);
    expect(crm.rejected).toBeGreaterThan(0);
    expect(crm.rejectedByCode['(no code)']).toBeGreaterThanOrEqual(1);
    expect(crm.slaBreached).toBeGreaterThan(0);
    expect(crm.won).toBeGreaterThan(0);
    expect(crm.wonInHubSpot).toBe(crm.won);
  });

  it('prints the same numbers in the scorecard text as it reports, and the meaning of each', () => {
    expect(printed(result.stdout, 'Handed off to Sales')).toBe(summary.scorecard.handedOff);
    expect(printed(result.stdout, 'Accepted by Sales')).toBe(summary.scorecard.accepted);
    expect(printed(result.stdout, 'Rejected by Sales')).toBe(summary.scorecard.rejected);
    expect(printed(result.stdout, 'Won')).toBe(summary.scorecard.won);
    expect(printed(result.stdout, 'Revenue from MQLs')).toBe(summary.scorecard.wonAmount);
    expect(result.stdout).toMatch(/^ {2}Wastage rate: 1 − accepted ÷ qualified/m);
    expect(result.stdout).toMatch(/^Scorecard page: http:\/\/127\.0\.0\.1:\d+\/scorecard$/m);
    expect(result.stdout).toContain('Sign in with your ADMIN_TOKEN.');
  });

  it('prints no secret, token or e-mail address on any line of stdout or stderr', () => {
    const file = join(dataDir, 'simulators.json');
    expect(statSync(file).mode & 0o077).toBe(0);
    const sims = simulatorsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
    const secrets = [
      sims.salesforce.env.SALESFORCE_CLIENT_SECRET,
      sims.salesforce.env.SALESFORCE_PASSWORD,
      sims.hubspot.env.HUBSPOT_ACCESS_TOKEN,
      sims.hubspot.env.HUBSPOT_CLIENT_SECRET,
      sims.hubspot.developerApiKey,
      sims.hubspot.uiUserToken,
      ADMIN_TOKEN,
    ].filter((value): value is string => value !== undefined);
    expect(secrets).toHaveLength(7);
    const lines = [...result.stdout.split('\n'), ...result.stderr.split('\n')];
    // The run logged at debug level, so the check covers every log line there is.
    expect(lines.some((line) => line.includes('"level":20'))).toBe(true);
    for (const line of lines) {
      for (const secret of secrets) expect(line.includes(secret) ? line : 'clean').toBe('clean');
      expect(EMAIL.test(line) ? line : 'clean').toBe('clean');
      // Session ids and private-app tokens minted during the run.
      expect(/00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+|\bpat-[a-z0-9]+-[A-Za-z0-9-]{8,}/.test(line) ? line : 'clean').toBe(
        'clean',
      );
    }
  });

  it('leaves nothing in the Redis it was given, and refuses to tell a second story in the same DATA_DIR', async () => {
    const client = new Redis(redis.url);
    try {
      expect(await client.dbsize()).toBe(0);
    } finally {
      client.disconnect();
    }
    const again = await runCli(
      ['demo', '--duration', '10s'],
      cleanEnv({ DATA_DIR: dataDir, REDIS_URL: redis.url }),
      60_000,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds \d+ leads from another run/);
  });
});
