import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Protocol } from '../../../src/protocol';
import { loadProtocol } from '../../../src/config/load-protocol';

/** The protocol the demo plays: config/protocol.yaml as shipped. */
export function exampleProtocol(): Protocol {
  const loaded = loadProtocol(
    readFileSync(join(__dirname, '..', '..', '..', 'config', 'protocol.yaml'), 'utf8'),
    'protocol.yaml',
  );
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
