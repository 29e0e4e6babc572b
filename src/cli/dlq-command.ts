import { deadLetterViews, type DeadLetterView } from '../app/dead-letter-advice';
import { deadLetterJson, listDeadLetters } from '../app/dead-letters';
import { scrubText } from '../shared/logger';
import { openStore } from '../store';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import { parseWholeNumber } from '../shared/option-values';
import type { Command, CommandContext } from './command';
import { dlqSpec } from './command-specs';
import { oneLine, utcTime } from './table';
import { terminalWidth, wrapText } from '../shared/text-layout';

export const dlqCommand: Command = { ...dlqSpec, run: runDlq };

async function runDlq(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(dlqCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const limit = parseWholeNumber(stringOption(context, 'limit') ?? '100', 'limit', 1, 100_000);
  if (!limit.ok) return usageError(dlqCommand, context, limit.error);
  const db = await openStore({
    databaseUrl: context.env.databaseUrl,
    dataDir: context.env.dataDir,
    logger: stderrLogger(context.env, 'dlq'),
  });
  try {
    const letters = await listDeadLetters(db, { all: flag(context, 'all'), limit: limit.value });
    if (flag(context, 'json')) {
      for (const letter of letters) context.out.write(`${JSON.stringify(deadLetterJson(letter))}\n`);
    } else if (letters.length === 0) {
      context.out.write(
        flag(context, 'all') ? 'No dead letters.\n' : 'No open dead letters: nothing failed for good.\n',
      );
    } else {
      const more = letters.length === limit.value ? ' (the oldest; raise --limit to see more)' : '';
      const width = Math.min(terminalWidth(context.out), 100);
      const views = await deadLetterViews(db, letters);
      context.out.write(
        `${views.map((view) => block(view, width)).join('\n\n')}\n\n${letters.length} shown${more}. After fixing the cause, re-drive with: leadpact replay ID... (or --all)\n`,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * One dead letter as a person reads it: when and where it failed, whose lead (by e-mail and
 * Salesforce id, not an internal id), the reason, and what to do about it.
 */
function block(view: DeadLetterView, width: number): string {
  const { letter } = view;
  const where =
    letter.source === 'outbox' ? `${letter.crm ?? '?'} ${letter.kind}` : `${letter.source} (${letter.kind})`;
  const lead =
    view.email !== null
      ? `${view.email}${view.salesforceId === null ? '' : ` · Salesforce ${view.salesforceId}`}`
      : letter.leadId === null
        ? 'no lead'
        : `lead ${letter.leadId} (not in the ledger)`;
  const tries = `${letter.attempts} ${letter.attempts === 1 ? 'try' : 'tries'}`;
  const status = letter.replayedAt === null ? 'open' : `replayed ${utcTime(letter.replayedAt)}`;
  return [
    wrapText(
      `${utcTime(letter.failedAt)} · ${where} · ${lead} · ${tries} · ${status}`,
      width,
      `#${letter.id}  `,
      '    ',
    ),
    wrapText(`${letter.errorCode}: ${oneLine(scrubText(letter.error), 400)}`, width, '    ', '    '),
    wrapText(view.advice, width, '    What to do: ', '    '),
  ].join('\n');
}
