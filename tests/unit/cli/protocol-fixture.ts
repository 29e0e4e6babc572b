import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { type Protocol } from '../../../src/protocol';
import { loadProtocol } from '../../../src/config/load-protocol';

export const PROTOCOL_TEXT = readFileSync(join(__dirname, '..', '..', '..', 'config', 'protocol.yaml'), 'utf8');

/** config/protocol.yaml, optionally edited through its YAML document, loaded and required valid. */
export function shippedProtocol(edit: (doc: Document) => void = () => undefined): Protocol {
  const doc = parseDocument(PROTOCOL_TEXT);
  edit(doc);
  const loaded = loadProtocol(doc.toString(), 'protocol.yaml');
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}
