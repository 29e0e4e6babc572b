import { batchedRetrieve } from '../../../src/app/inbound/batched-retrieve';
import type { SalesforceRecord } from '../../../src/shared/field-specs';
import { salesforceId, type SalesforceId } from '../../../src/shared/ids';

const lead = (n: number) => salesforceId(`00Q0000000000${String(n).padStart(2, '0')}AAA`);

/** A port that answers every id it is asked for (but the ones it "lost") and counts its calls. */
function countingPort(lost: readonly SalesforceId[] = []) {
  const calls: { object: string; ids: readonly SalesforceId[] }[] = [];
  const port = {
    retrieve: async (object: SalesforceRecord['object'], ids: readonly SalesforceId[]) => {
      calls.push({ object, ids });
      return ids.filter((id) => !lost.includes(id)).map((id) => ({ id, object, fields: { Status: 'Open' } }));
    },
  };
  return { calls, port };
}

describe('batchedRetrieve (outbound messages read back in shared calls)', () => {
  it('reads the records of concurrent messages in one call per object, each caller getting its own', async () => {
    const { calls, port } = countingPort([lead(3)]);
    const retrieve = batchedRetrieve(port, 5);
    const [first, second, contacts] = await Promise.all([
      retrieve('Lead', [lead(1), lead(2)], ['Status']),
      retrieve('Lead', [lead(2), lead(3)], ['Status']),
      retrieve('Contact', [salesforceId('003000000000001AAA')], ['Status']),
    ]);
    expect(calls).toHaveLength(2);
    expect(calls.find((c) => c.object === 'Lead')?.ids).toEqual([lead(1), lead(2), lead(3)]);
    expect(first.map((r) => r.id)).toEqual([lead(1), lead(2)]);
    expect(second.map((r) => r.id)).toEqual([lead(2)]);
    expect(contacts).toHaveLength(1);
  });

  it('keeps different field lists apart and passes a failure to every caller of the call', async () => {
    const calls: string[][] = [];
    const retrieve = batchedRetrieve(
      {
        retrieve: async (_object, _ids, fields) => {
          calls.push([...fields]);
          throw new Error('Salesforce is down');
        },
      },
      5,
    );
    const results = await Promise.allSettled([
      retrieve('Lead', [lead(1)], ['Status']),
      retrieve('Lead', [lead(2)], ['Status']),
      retrieve('Lead', [lead(3)], ['OwnerId']),
    ]);
    expect(calls).toHaveLength(2);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});
