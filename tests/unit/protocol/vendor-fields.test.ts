import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CORE = join(__dirname, '../../../src/protocol');

/**
 * Salesforce's own system fields. The inbound mapper turns them into facts (deleted, merged,
 * converted, the owner, the state's stamp, the last activity); the core reads only field names its
 * protocol file configures.
 */
const SYSTEM_FIELDS = [
  'IsDeleted',
  'MasterRecordId',
  'IsConverted',
  'ConvertedContactId',
  'ConvertedAccountId',
  'ConvertedOpportunityId',
  'SystemModstamp',
  'LastModifiedDate',
  'LastActivityDate',
  'OwnerId',
  'AccountId',
];

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without its comments: a comment may name a vendor field to explain a quirk. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the core reads no vendor field name', () => {
  it('has no Salesforce system field in src/protocol', () => {
    const found = sources(CORE).flatMap((path) =>
      SYSTEM_FIELDS.filter((name) => new RegExp(`\\b${name}\\b`).test(code(path))).map(
        (name) => `${path.slice(CORE.length + 1)}: ${name}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
