import {
  AUDIENCES,
  createShareLink,
  DEFAULT_SHARE_DAYS,
  MAX_SHARE_DAYS,
  revokeLink,
  shareLinks,
  type ShareLink,
} from '../app/share-links';
import { openStore, type Db } from '../store';
import { flag, stderrLogger, stringOption, usageError } from './cli-support';
import { parseChoice, parseWholeNumber } from '../shared/option-values';
import type { Command, CommandContext } from './command';
import { shareSpec } from './command-specs';
import { utcTime } from './table';

export const shareCommand: Command = { ...shareSpec, run: runShare };

async function runShare(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(shareCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const revoke = stringOption(context, 'revoke');
  const id = revoke === undefined ? undefined : parseWholeNumber(revoke, 'revoke', 1, Number.MAX_SAFE_INTEGER);
  if (id !== undefined && !id.ok) return usageError(shareCommand, context, id.error);
  const days = parseWholeNumber(stringOption(context, 'days') ?? String(DEFAULT_SHARE_DAYS), 'days', 1, MAX_SHARE_DAYS);
  if (!days.ok) return usageError(shareCommand, context, days.error);
  const team = stringOption(context, 'for');
  const audience = team === undefined ? undefined : parseChoice(team, 'for', AUDIENCES);
  if (audience !== undefined && !audience.ok) return usageError(shareCommand, context, audience.error);
  const db = await openStore({
    databaseUrl: context.env.databaseUrl,
    dataDir: context.env.dataDir,
    logger: stderrLogger(context.env, 'share'),
  });
  try {
    if (id !== undefined) return await revoked(db, context, id.value);
    if (flag(context, 'list')) return await listed(db, context);
    const made = await createShareLink(
      db,
      { days: days.value, audience: audience?.value ?? null, publicUrl: context.env.publicUrl },
      Date.now(),
    );
    const who = made.link.audience === null ? 'anyone' : `${made.link.audience}`;
    context.out.write(
      `Read-only link for ${who}, open until ${utcTime(made.link.expiresAt)} (${days.value} days):\n\n  ${made.url}\n\n` +
        'It opens the scorecard, the monthly pack and the questionnaire (answers may be anonymous), never the admin API.\n' +
        'This is the only time the link is shown: leadpact keeps a hash of it, not the link.\n' +
        `Close it early with: leadpact share --revoke ${made.link.id}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function revoked(db: Db, context: CommandContext, id: number): Promise<number> {
  if (await revokeLink(db, id, Date.now())) {
    context.out.write(`Link ${id} is closed: it opens nothing any more.\n`);
    return 0;
  }
  context.err.write(`leadpact share: no open link ${id}; \`leadpact share --list\` shows the links and their state.\n`);
  return 1;
}

function state(link: ShareLink, now: number): string {
  if (link.revokedAt !== null) return `revoked ${utcTime(link.revokedAt)}`;
  return link.expiresAt <= now ? `expired ${utcTime(link.expiresAt)}` : `open until ${utcTime(link.expiresAt)}`;
}

async function listed(db: Db, context: CommandContext): Promise<number> {
  const links = await shareLinks(db);
  const now = Date.now();
  context.out.write(
    links.length === 0
      ? 'No links made yet: `leadpact share` makes one.\n'
      : `${links.map((l) => `  ${String(l.id).padStart(4)}  for ${(l.audience ?? 'anyone').padEnd(9)}  made ${utcTime(l.createdAt)}  ${state(l, now)}`).join('\n')}\n`,
  );
  return 0;
}
