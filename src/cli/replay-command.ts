import { createQueues, DEFAULT_PREFIX, type Queues } from '../queue/queues';
import { needsQueues, openDeadLetterIds, replayDeadLetters, type ReplayOutcome } from '../app/dead-letters';
import { closeRedis, connectRedis } from '../queue/connect-redis';
import { openStore, type Db } from '../store';
import { flag, stderrLogger, usageError } from './cli-support';
import type { Command, CommandContext } from './command';
import { replaySpec } from './command-specs';

export const replayCommand: Command = { ...replaySpec, run: runReplay };

async function runReplay(context: CommandContext): Promise<number> {
  const all = flag(context, 'all');
  if (all && context.positionals.length > 0)
    return usageError(replayCommand, context, 'give either dead-letter IDs or --all, not both');
  if (!all && context.positionals.length === 0)
    return usageError(replayCommand, context, 'name the dead letters to replay (IDs from `leadpact dlq`), or --all');
  const invalid = context.positionals.find((id) => !/^[0-9]{1,18}$/.test(id));
  if (invalid !== undefined)
    return usageError(
      replayCommand,
      context,
      `${JSON.stringify(invalid.slice(0, 40))} is not a dead-letter ID (a number, as \`leadpact dlq\` lists them)`,
    );
  const logger = stderrLogger(context.env, 'replay');
  const db = await openStore({ databaseUrl: context.env.databaseUrl, dataDir: context.env.dataDir, logger });
  try {
    const ids = all ? await openDeadLetterIds(db) : context.positionals;
    if (ids.length === 0) {
      context.out.write('No open dead letters: nothing to replay.\n');
      return 0;
    }
    const outcomes = await withQueuesIfNeeded(context, db, ids, (queues) =>
      replayDeadLetters({ db, ...(queues === undefined ? {} : { queues }) }, ids),
    );
    for (const outcome of outcomes) context.out.write(`${describe(outcome)}\n`);
    if (outcomes.length > 1) context.out.write(`\n${summary(outcomes)}\n`);
    return outcomes.some((o) => o.result === 'not_found' || o.result === 'not_replayable') ? 1 : 0;
  } finally {
    await db.close();
  }
}

/** Redis is opened only when a job goes back to a queue: replaying CRM writes needs the database alone. */
async function withQueuesIfNeeded<T>(
  context: CommandContext,
  db: Db,
  ids: readonly string[],
  run: (queues: Queues | undefined) => Promise<T>,
): Promise<T> {
  if (!(await needsQueues(db, ids))) return run(undefined);
  const redis = await connectRedis(context.env.redisUrl, 'producer', stderrLogger(context.env, 'replay'));
  const queues = createQueues(redis, DEFAULT_PREFIX);
  try {
    return await run(queues);
  } finally {
    await queues.close();
    await closeRedis(redis);
  }
}

/** "3 replayed, 1 already replayed, 1 not found": only the outcomes that occurred. */
function summary(outcomes: readonly ReplayOutcome[]): string {
  const counted = (result: ReplayOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  const parts = [
    [counted('replayed'), 'replayed'],
    [counted('already_replayed'), 'already replayed'],
    [counted('not_replayable'), 'not replayable'],
    [counted('not_found'), 'not found'],
  ] as const;
  return `${parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ')}.`;
}

function describe(outcome: ReplayOutcome): string {
  switch (outcome.result) {
    case 'replayed':
      return `${outcome.id}: replayed to ${outcome.to}`;
    case 'already_replayed':
      return `${outcome.id}: already replayed; nothing done`;
    case 'not_found':
      return `no dead letter ${outcome.id} (\`leadpact dlq --all\` lists them all)`;
    case 'not_replayable':
      return `${outcome.id}: cannot be replayed: ${outcome.reason}`;
  }
}
