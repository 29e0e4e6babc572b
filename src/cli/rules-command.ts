import { ruleFeedbackReport } from '../app/rule-feedback';
import { PERIOD_HELP } from '../metrics';
import { renderRuleFeedback } from '../metrics/render-rule-feedback';
import { DEFAULT_FEEDBACK_MINIMUM } from '../metrics/rule-feedback';
import { describeProtocolDiff } from '../protocol';
import { parseWholeNumber } from '../shared/option-values';
import { openStore } from '../store';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import type { Command, CommandContext } from './command';

export const rulesCommand: Command = {
  name: 'rules',
  summary:
    'Rule feedback: for each qualification rule, campaign and source, how Sales treated its leads against the others, and the point changes the numbers suggest, each replayed as check --dry-run replays a file.',
  synopsis: '[--period 90d] [--minimum N] [--json]',
  options: {
    period: { type: 'string', description: `The marketing-qualified leads of: ${PERIOD_HELP}`, default: '90d' },
    minimum: {
      type: 'string',
      description: 'Handed-off leads each side needs before two rates are compared',
      default: String(DEFAULT_FEEDBACK_MINIMUM),
    },
    json: { type: 'boolean', description: 'The same as one JSON document' },
  },
  needs: {},
  run: runRules,
};

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
