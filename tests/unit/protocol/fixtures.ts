import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { type Protocol } from '../../../src/protocol';
import { loadProtocol } from '../../../src/config/load-protocol';

export const CONFIG_DIR = join(__dirname, '..', '..', '..', 'config');

export function readConfig(name: string): string {
  return readFileSync(join(CONFIG_DIR, name), 'utf8');
}

/** The example protocol, loaded once: the engine tests run against the file the demo ships. */
export function exampleProtocol(): Protocol {
  const loaded = loadProtocol(readConfig('protocol.example.yaml'), 'protocol.example.yaml');
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}

/** The example protocol's text after an edit made through the YAML document (keeps the rest as is). */
export function exampleVariant(edit: (doc: Document) => void): string {
  const doc = parseDocument(readConfig('protocol.example.yaml'));
  edit(doc);
  return doc.toString();
}

/** The example protocol with one edit, loaded (and required to be valid). */
export function protocolWith(edit: (doc: Document) => void): Protocol {
  const loaded = loadProtocol(exampleVariant(edit), 'variant.yaml');
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}
