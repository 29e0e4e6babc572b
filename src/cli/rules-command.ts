import { ruleFeedbackReport } from '../app/rule-feedback';
import { renderRuleFeedback } from '../metrics/render-rule-feedback';
import { DEFAULT_FEEDBACK_MINIMUM } from '../metrics/rule-feedback';
import { describeProtocolDiff } from '../protocol';
import { parseWholeNumber } from '../shared/option-values';
import { openStore } from '../store';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import type { Command, CommandContext } from './command';
import { rulesSpec } from './command-specs';

export const rulesCommand: Command = { ...rulesSpec, run: runRules };

async function runRules(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(rulesCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const minimum = parseWholeNumber(
    stringOption(context, 'minimum') ?? String(DEFAULT_FEEDBACK_MINIMUM),
    'minimum',
    1,
    100_000,
  );
  if (!minimum.ok) return usageError(rulesCommand, context, minimum.error);
  const db = await openStore({
    databaseUrl: context.env.databaseUrl,
    dataDir: context.env.dataDir,
    logger: stderrLogger(context.env, 'rules'),
  });
  try {
    const report = await ruleFeedbackReport(
      db,
      { period: stringOption(context, 'period') ?? '90d', minimum: minimum.value },
      Date.now(),
    );
    if (!report.ok) {
      context.err.write(`leadpact rules: ${report.error}\n`);
      return 1;
    }
    const r = report.value;
    if (flag(context, 'json')) {
      context.out.write(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    }
    const proposals = r.proposals.map((p) => ({
      ...p,
      replay: describeProtocolDiff(p.dryRun.diff, { before: p.dryRun.before, after: p.dryRun.after }),
    }));
    context.out.write(`${renderRuleFeedback(r.feedback, { period: r.period.label, version: r.version }, proposals)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
