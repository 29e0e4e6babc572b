import { resolvePeriod } from '../metrics';
import { activeProtocol } from '../app/dry-run';
import {
  DEFAULT_NOT_PURSUED_DAYS,
  PACK_FORMATS,
  renderReport,
  reportThresholds,
  SCORECARD_FORMATS,
  type ReportRequest,
} from '../app/report';
import type { Protocol } from '../protocol';
import { readProtocolFile } from '../service/protocol-source';
import { err, ok, type Result } from '../shared/result';
import { openStore, type Db } from '../store';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import { parseChoice, parseWholeNumber } from '../shared/option-values';
import type { Command, CommandContext } from './command';
import { reportSpec } from './command-specs';

export const reportCommand: Command = { ...reportSpec, run: runReport };

/** --period, or --from and --to as the FROM/TO span; and the instant the report is computed as of. */
function periodOf(context: CommandContext, now: number): Result<{ period: string | undefined; at: number }, string> {
  const [period, from, to] = [
    stringOption(context, 'period'),
    stringOption(context, 'from'),
    stringOption(context, 'to'),
  ];
  if (from === undefined && to === undefined) return ok({ period, at: now });
  if (period !== undefined) return err('give either --period or --from/--to, not both');
  if (from === undefined) return err('--to needs --from: the period starts somewhere');
  const end = to ?? new Date(now).toISOString();
  const span = resolvePeriod(`${from}/${end}`, now, stringOption(context, 'time-zone') ?? 'UTC');
  if (!span.ok) return span;
  return ok({ period: `${from}/${end}`, at: Math.min(now, span.value.current.end) });
}

function request(context: CommandContext, period: string | undefined): Result<ReportRequest, string> {
  const format = stringOption(context, 'format');
  if (flag(context, 'pack')) {
    const chosen = parseChoice(format ?? 'html', 'format', PACK_FORMATS);
    return chosen.ok ? ok({ kind: 'pack', format: chosen.value, period }) : chosen;
  }
  const chosen = parseChoice(format ?? 'text', 'format', SCORECARD_FORMATS);
  return chosen.ok ? ok({ kind: 'scorecard', format: chosen.value, period }) : chosen;
}

async function runReport(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(reportCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const span = periodOf(context, Date.now());
  if (!span.ok) return usageError(reportCommand, context, span.error);
  const wanted = request(context, span.value.period);
  if (!wanted.ok) return usageError(reportCommand, context, wanted.error);
  const notPursued = parseWholeNumber(
    stringOption(context, 'not-pursued-days') ?? String(DEFAULT_NOT_PURSUED_DAYS),
    'not-pursued-days',
    1,
    365,
  );
  if (!notPursued.ok) return usageError(reportCommand, context, notPursued.error);
  const db = await openStore({
    databaseUrl: context.env.databaseUrl,
    dataDir: context.env.dataDir,
    logger: stderrLogger(context.env, 'report'),
  });
  try {
    const protocol = await judgingProtocol(db, context.env.protocolFile);
    const settings = {
      thresholds: reportThresholds(protocol, notPursued.value),
      timeZone: stringOption(context, 'time-zone') ?? 'UTC',
    };
    const report = await renderReport(db, wanted.value, settings, span.value.at);
    if (!report.ok) return usageError(reportCommand, context, report.error);
    context.out.write(report.value.endsWith('\n') ? report.value : `${report.value}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** The live protocol's settings (the dormancy rule) judge the stored leads; before any went live, the file's. */
async function judgingProtocol(db: Db, protocolFile: string): Promise<Protocol> {
  const active = await activeProtocol(db);
  return active.ok ? active.value : (await readProtocolFile(protocolFile)).protocol;
}
