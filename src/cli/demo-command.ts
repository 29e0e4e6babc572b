import { DateTime } from 'luxon';
import { envSchema } from '../config/env.schema';
import { parseDemoOptions, DEMO_START, type DemoOptions } from '../demo/demo-options';
import { closingText, summaryOf } from '../demo/demo-report';
import { playMarket } from '../demo/demo-run';
import { openDemoStack, type DemoStack } from '../demo/demo-stack';
import { servePageAlone } from '../demo/page-alone';
import { readProtocolFile } from '../service/protocol-source';
import type { Logger } from '../shared/logger';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import type { Command, CommandContext } from './command';
import { demoSpec } from './command-specs';

export const demoCommand: Command = { ...demoSpec, run: runDemo };

/** The simulated clock is shown in UTC: the three territories' offices span the day. */
const TIME_ZONE = 'UTC';

async function runDemo(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(demoCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const parsed = parseDemoOptions({
    duration: stringOption(context, 'duration'),
    seed: stringOption(context, 'seed'),
    speed: stringOption(context, 'speed'),
    json: flag(context, 'json'),
  });
  if (!parsed.ok) return usageError(demoCommand, context, parsed.error);
  const options = parsed.value;
  const { env } = context;
  // The demo draws its own progress on the terminal: the service's info lines would only break it.
  const logger = stderrLogger({ ...env, logLevel: env.logLevel === 'info' ? 'warn' : env.logLevel }, 'demo');
  const protocol = await readProtocolFile(env.protocolFile);
  // The environment's defaults, to tell a variable that was set from one that was not.
  const defaults = envSchema.parse({});
  const say = (line: string) => context.out.write(`${line}\n`);
  say(
    `leadpact demo: the lead protocol of ${protocol.protocol.company}, version ${protocol.protocol.version} (${env.protocolFile}), on simulated HubSpot and Salesforce`,
  );
  const opened = await openDemoStack({
    redisUrl: env.redisUrl,
    redisExplicit: env.redisUrl !== defaults.REDIS_URL,
    dataDir: env.dataDir === defaults.DATA_DIR ? null : env.dataDir,
    adminToken: env.adminToken,
    protocol,
    protocolFile: env.protocolFile,
    startAt: DEMO_START,
    speed: options.speed,
    logger,
    say,
  });
  if (!opened.ok) {
    context.err.write(`leadpact demo: ${opened.error}\n`);
    return 1;
  }
  const demo = opened.value;
  // A second Ctrl-C ends the process at once: a redis-server the demo started and its temporary folders go with it.
  const onExit = () => demo.closeNow();
  process.once('exit', onExit);
  try {
    return await play(context, demo, options, logger);
  } catch (error) {
    await demo.close().catch(() => undefined);
    throw error;
  } finally {
    process.off('exit', onExit);
  }
}

/** The page is served while the market runs: its address and the way in, before anything happens. */
function announcePage(context: CommandContext, demo: DemoStack): void {
  const say = (line: string) => context.out.write(`${line}\n`);
  say(`Scorecard page: http://127.0.0.1:${demo.port}/scorecard`);
  say(
    demo.adminTokenGenerated
      ? `Admin token, made for this run and printed only here: ${demo.adminToken}`
      : 'Sign in with your ADMIN_TOKEN.',
  );
}

function announce(context: CommandContext, options: DemoOptions): void {
  const start = DateTime.fromMillis(DEMO_START, { zone: TIME_ZONE }).toFormat("cccc d LLLL yyyy, HH:mm 'UTC'");
  const hours = options.speed / 3_600;
  const pace =
    hours >= 1
      ? `${hours.toFixed(hours % 1 === 0 ? 0 : 1)} simulated hours`
      : `${Math.round(options.speed / 60)} simulated minutes`;
  context.out.write(`Market: seed ${options.seed}, from ${start}; one real second is ${pace}.\n`);
  context.out.write(
    options.durationMs === null
      ? 'Press Ctrl-C to stop the market and see the scorecard.\n\n'
      : `It stops by itself after ${options.durationMs / 1000} s.\n\n`,
  );
}

async function play(context: CommandContext, demo: DemoStack, options: DemoOptions, logger: Logger): Promise<number> {
  announcePage(context, demo);
  announce(context, options);
  const played = await playMarket(demo, {
    durationMs: options.durationMs,
    seed: options.seed,
    startAt: DEMO_START,
    timeZone: TIME_ZONE,
    out: context.out,
    err: context.err,
    tty: 'isTTY' in context.err && context.err.isTTY === true,
    stopRequested: context.stopRequested,
    logger,
  });
  const { final } = played;
  const keepsServing = options.durationMs === null;
  let scorecardUrl = `http://127.0.0.1:${demo.port}/scorecard`;
  if (keepsServing) {
    // The market has stopped: so do the service and Redis; the page stays, on its own, until the next Ctrl-C.
    await demo.stopService();
    const page = await servePageAlone({
      db: demo.db,
      adminToken: demo.adminToken,
      port: demo.port,
      at: final.scorecard.generatedAt,
      thresholds: final.scorecard.thresholds,
      period: final.scorecard.period.spec,
      packPeriod: 'calendar-month',
      logger,
    });
    scorecardUrl = `http://127.0.0.1:${page.port}/scorecard`;
  }
  context.out.write(
    closingText(final, {
      scorecardUrl,
      keepsServing,
      keptDataDir: demo.dataDirKept ? demo.dataDir : null,
      droppedWebhookEvents: played.droppedWebhookEvents,
      speed: options.speed,
      ruleFeedback: played.ruleFeedback,
    }),
  );
  if (options.json) {
    const summary = summaryOf(final, {
      seed: options.seed,
      speed: options.speed,
      simulatedFrom: new Date(DEMO_START).toISOString(),
      simulatedTo: new Date(final.scorecard.generatedAt).toISOString(),
      stoppedBy: played.stoppedBy,
      failedActs: played.failedActs,
      droppedWebhookEvents: played.droppedWebhookEvents,
      urls: { salesforce: demo.stack.sf.url, hubspot: demo.stack.hs.url, scorecard: scorecardUrl },
    });
    context.out.write(`${JSON.stringify(summary)}\n`);
  }
  // A second Ctrl-C ends the process; the exit hook removes the temporary data folder.
  if (keepsServing) await new Promise<never>(() => undefined);
  const started = Date.now();
  await demo.close();
  context.err.write(`leadpact demo: stopped cleanly in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
