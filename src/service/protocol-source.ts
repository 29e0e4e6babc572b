import { readFile } from 'node:fs/promises';
import { type Protocol } from '../protocol';
import { loadProtocol } from '../config/load-protocol';
import { ConfigError } from '../shared/errors';
import type { Db } from '../store';
import { repositories } from '../store';

export interface LoadedProtocol {
  readonly protocol: Protocol;
  readonly text: string;
}

/** Reads and validates the protocol file; every problem comes back at once with its line. */
export async function readProtocolFile(path: string): Promise<LoadedProtocol> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError('PROTOCOL_INVALID', path, [
      { path: '(file)', message: 'cannot be read; set PROTOCOL_FILE to the lead protocol file' },
    ]);
  }
  const loaded = loadProtocol(text, path);
  if (!loaded.ok) throw loaded.error;
  return { protocol: loaded.value, text };
}

/**
 * Records the version going live. A version name always means one text: the same name with other
 * rules is refused, so every lead's Protocol_Version__c tells exactly which rules judged it.
 */
export async function activateProtocol(db: Db, loaded: LoadedProtocol, source: string): Promise<void> {
  const { protocol, text } = loaded;
  const recorded = await repositories(db).protocols.record({
    version: protocol.version,
    content: text,
    marketingOwner: protocol.approval.marketingOwner.name,
    salesOwner: protocol.approval.salesOwner.name,
  });
  if (!recorded.ok) {
    throw new ConfigError('PROTOCOL_INVALID', source, [
      {
        path: 'version',
        message: `version "${protocol.version}" already went live with different rules; give the changed protocol a new version`,
      },
    ]);
  }
}
