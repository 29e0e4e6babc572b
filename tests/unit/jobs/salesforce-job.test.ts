import { createHash } from 'node:crypto';
import { inboundJobSchema } from '../../../src/app/inbound/inbound.schema';

const SESSION = '00D5g000001LPct!AQ0AQHg3uQb7bPsmvLj3wq9Dk4yAKbVZtq2yWn5fGx';
const REF = createHash('sha256').update(SESSION).digest('hex');
const job = {
  source: 'salesforce',
  receivedAt: 1_000,
  notices: [{ notificationId: '04l5g00000F0001AAA', object: 'Lead', recordId: '00Q5g00000XYZ12EAA' }],
};

describe('an inbound job of a Salesforce outbound message', () => {
  it('names the SessionId by its reference in the session vault', () => {
    expect(inboundJobSchema.parse({ ...job, sessionRef: REF })).toEqual({ ...job, sessionRef: REF });
    expect(inboundJobSchema.safeParse({ ...job, sessionRef: SESSION }).success).toBe(false);
  });

  it('still takes the raw SessionId of a job queued before the vault, but never with a reference too', () => {
    expect(inboundJobSchema.parse({ ...job, sessionId: SESSION })).toEqual({ ...job, sessionId: SESSION });
    expect(inboundJobSchema.safeParse({ ...job, sessionId: SESSION, sessionRef: REF }).success).toBe(false);
  });
});
