import { deadLetterJson, listDeadLetters } from '../app/dead-letters';
import { scrubText } from '../shared/logger';
import { openStore, type DeadLetter } from '../store';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import { parseWholeNumber } from '../shared/option-values';
import type { Command, CommandContext } from './command';
import { formatTable, oneLine, utcTime } from './table';

export const dlqCommand: Command = {
  name: 'dlq',
  summary:
    'List failed work (CRM writes and jobs that ran out of attempts) with the reason; re-drive it with `leadpact replay`.',
  synopsis: '[--all] [--limit N] [--json]',
  options: {
    all: { type: 'boolean', description: 'Include dead letters already replayed' },
    limit: { type: 'string', description: 'Show at most N, oldest first', default: '100' },
    json: { type: 'boolean', description: 'One JSON object per line instead of a table' },
  },
  needs: {},
  run: runDlq,
};

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
      context.out.write(
        `${formatTable(HEAD, letters.map(row))}\n\n${letters.length} shown${more}. Re-drive with: leadpact replay ID... (or --all)\n`,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}

const HEAD = ['ID', 'FAILED (UTC)', 'SOURCE', 'KIND', 'LEAD', 'TRIES', 'STATUS', 'REASON'];

function row(letter: DeadLetter): string[] {
  const source = letter.source === 'outbox' ? `outbox:${letter.crm ?? '?'}` : letter.source;
  return [
    letter.id,
    utcTime(letter.failedAt),
    source,
    letter.kind,
    letter.leadId ?? '-',
    String(letter.attempts),
    letter.replayedAt === null ? 'open' : 'replayed',
    `${letter.errorCode}: ${oneLine(scrubText(letter.error), 100)}`,
  ];
}
