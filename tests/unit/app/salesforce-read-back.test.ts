import { readBack } from '../../../src/app/inbound/salesforce-read-back';
import { salesforceId, type SalesforceId } from '../../../src/shared/ids';
import { silentLogger } from '../../../src/shared/logger';

const OURS = salesforceId('005000000000001AAA');
const REP = salesforceId('005000000000002AAA');
const lead = (n: number) => salesforceId(`00Q00000000000${n}AAA`);

describe('readBack (outbound messages are notifications)', () => {
  it("reads back what others changed and skips the echo of leadpact's own writes", async () => {
    const asked: SalesforceId[][] = [];
    const now = Date.parse('2026-12-06T10:00:00Z');
    const changes = await readBack(
      {
        salesforce: {
          integrationUser: () => OURS,
          retrieve: async (object, ids) => {
            asked.push([...ids]);
            return ids.map((id) => ({ id, object, fields: { SystemModstamp: '2026-12-06T09:59:00.000Z' } }));
          },
        },
        fields: { Lead: ['Id'], Contact: ['Id'], Opportunity: ['Id'], Task: ['Id'], Event: ['Id'] },
        logger: silentLogger(),
        now,
      },
      [
        { notificationId: 'n1', object: 'Lead', recordId: lead(1), claimedModifiedBy: OURS },
        { notificationId: 'n2', object: 'Lead', recordId: lead(2), claimedModifiedBy: REP },
        { notificationId: 'n3', object: 'Lead', recordId: lead(3) },
      ],
    );
    expect(asked).toEqual([[lead(2), lead(3)]]);
    expect(changes.map((c) => c.id)).toEqual([lead(2), lead(3)]);
  });
});
