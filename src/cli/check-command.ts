import { open } from 'node:fs/promises';
import { describeProtocolDiff } from '../protocol';
import { checkProtocolFile, loadProtocol } from '../config/load-protocol';
import { MAX_YAML_BYTES } from '../config/yaml-limits';
import { dryRunProtocol, storedProtocolTexts, type DryRunProblem } from '../app/dry-run';
import { HUBSPOT_DEFAULT_CONTACT_PROPERTIES } from '../config/hubspot-contact-properties';
import { MARKETING_PROPERTIES } from '../demo/marketing-properties';
import { openStore } from '../store';
import { flag, stderrLogger, usageError } from './cli-support';
import type { Command, CommandContext } from './command';
import { checkSpec } from './command-specs';

export const checkCommand: Command = { ...checkSpec, run: runCheck };

async function runCheck(context: CommandContext): Promise<number> {
  if (context.positionals.length > 1)
    return usageError(checkCommand, context, `expected at most one FILE, got ${context.positionals.length}`);
  const file = context.positionals[0] ?? context.env.protocolFile;
  let text: string;
  try {
    text = await readHead(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    context.err.write(
      `leadpact check: ${file}: ${reason}${context.positionals.length === 0 ? ' (the PROTOCOL_FILE default; name a FILE to check another)' : ''}\n`,
    );
    return 1;
  }
  const checked = checkProtocolFile(text, file, {
    knownHubspotProperties: KNOWN_HUBSPOT_PROPERTIES,
    storedVersions: await storedVersions(context),
  });
  (checked.ok ? context.out : context.err).write(`${checked.report}\n`);
  if (!checked.ok) return 1;
  return flag(context, 'dry-run') ? dryRun(context, text, file) : 0;
}

/** HubSpot's own contact properties, and the marketing ones the example protocol reads (declared for the demo). */
const KNOWN_HUBSPOT_PROPERTIES = [
  ...HUBSPOT_DEFAULT_CONTACT_PROPERTIES,
  ...MARKETING_PROPERTIES.properties.map((property) => property.name),
];

/** With a shared database (DATABASE_URL), the versions that have gone live there; offline otherwise. */
async function storedVersions(context: CommandContext): Promise<ReadonlyMap<string, string> | undefined> {
  const { databaseUrl, dataDir } = context.env;
  if (databaseUrl === undefined) return undefined;
  const db = await openStore({ databaseUrl, dataDir, logger: stderrLogger(context.env, 'check') });
  try {
    return await storedProtocolTexts(db);
  } finally {
    await db.close();
  }
}

/** One byte past the limit is enough for the loader to refuse a file that is too large, without reading it all. */
async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_YAML_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function dryRun(context: CommandContext, text: string, file: string): Promise<number> {
  const candidate = loadProtocol(text, file);
  if (!candidate.ok) throw candidate.error;
  const logger = stderrLogger(context.env, 'check');
  const db = await openStore({ databaseUrl: context.env.databaseUrl, dataDir: context.env.dataDir, logger });
  try {
    const result = await dryRunProtocol(db, candidate.value, Date.now());
    if (!result.ok) {
      context.err.write(`leadpact check --dry-run: ${problemText(result.error)}\n`);
      return result.error.kind === 'no_active_protocol' ? 0 : 1;
    }
    const { before, after, diff, unreadable } = result.value;
    context.out.write(`\n${describeProtocolDiff(diff, { before, after })}\n`);
    if (unreadable > 0)
      context.out.write(
        `  (${unreadable} stored ${unreadable === 1 ? 'lead' : 'leads'} could not be read with this release's lead schema and ${unreadable === 1 ? 'was' : 'were'} left out)\n`,
      );
    return 0;
  } finally {
    await db.close();
  }
}

function problemText(problem: DryRunProblem): string {
  switch (problem.kind) {
    case 'no_active_protocol':
      return 'no protocol has gone live in this store yet (start the service once); there is nothing to compare with';
    case 'active_protocol_unreadable':
      return `the live protocol (version ${problem.version}) no longer loads:\n${problem.message}`;
  }
}
