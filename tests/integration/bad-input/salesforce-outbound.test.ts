import { startHarness, type Harness } from '../../support/pipeline-harness';
import {
  inboundJobs,
  outboundXml,
  postSalesforce,
  rowsWritten,
  type Answer,
  type XmlNotification,
} from './ingress-fixture';

interface Case {
  readonly name: string;
  readonly send: (h: Harness, org: string) => Promise<Answer>;
  readonly status: number;
  readonly code: string;
}

const LEAD: XmlNotification = {
  id: '04l5g00000ABCDEAA1',
  object: 'Lead',
  recordId: '00Q5g00000XYZ12EAA',
  fieldsXml: '<sf:Status>Open - Not Contacted</sf:Status>',
};
const lead = (overrides: Partial<XmlNotification>): XmlNotification => ({ ...LEAD, ...overrides });

/** The billion laughs: a DTD whose entities expand to gigabytes. */
const ENTITY_BOMB = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;

const CASES: readonly Case[] = [
  {
    name: 'malformed XML',
    send: (h, org) =>
      postSalesforce(
        h,
        `<soapenv:Envelope><soapenv:Body><notifications><OrganizationId>${org}</OrganizationId><Notification><a></Notification>`,
      ),
    status: 400,
    code: 'PAYLOAD_MALFORMED',
  },
  {
    name: 'JSON instead of SOAP, which names no org where a message does',
    send: (h) => postSalesforce(h, '{"OrganizationId": "00D"}'),
    status: 403,
    code: 'WEBHOOK_ORG_MISMATCH',
  },
  {
    name: 'an entity-expansion bomb',
    send: (h, org) =>
      postSalesforce(h, outboundXml(org, [LEAD], ENTITY_BOMB).replace('Open - Not Contacted', '&lol9;')),
    status: 400,
    code: 'PAYLOAD_MALFORMED',
  },
  {
    name: 'well-formed XML that is no outbound message',
    send: (h) => postSalesforce(h, '<?xml version="1.0"?><invoice><total>12</total></invoice>'),
    status: 403,
    code: 'WEBHOOK_ORG_MISMATCH',
  },
  {
    name: 'well-formed XML of our org that is no outbound message',
    send: (h, org) =>
      postSalesforce(
        h,
        `<invoice><OrganizationId>${org}</OrganizationId><Notification><total>12</total></Notification></invoice>`,
      ),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a Lead notification naming a Contact id',
    send: (h, org) => postSalesforce(h, outboundXml(org, [lead({ recordId: '0035g00000XYZ12EAA' })])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a message with no notification',
    send: (h, org) => postSalesforce(h, outboundXml(org, [])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'more than 100 notifications',
    send: (h, org) =>
      postSalesforce(
        h,
        outboundXml(
          org,
          Array.from({ length: 101 }, (_, i) => lead({ id: `04l5g00000A${String(i).padStart(4, '0')}AAA` })),
        ),
      ),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a message from another org',
    send: (h) => postSalesforce(h, outboundXml('00D5g000009ZZZZEAA', [LEAD])),
    status: 403,
    code: 'WEBHOOK_ORG_MISMATCH',
  },
  {
    name: 'an OrganizationId that is no org id',
    send: (h) => postSalesforce(h, outboundXml("00D' OR 1=1 --", [LEAD])),
    status: 403,
    code: 'WEBHOOK_ORG_MISMATCH',
  },
  {
    name: 'a SOQL-shaped record Id',
    send: (h, org) => postSalesforce(h, outboundXml(org, [lead({ recordId: "00Q' OR Id != '" })])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a record Id of 10,000 characters',
    send: (h, org) => postSalesforce(h, outboundXml(org, [lead({ recordId: '0'.repeat(10_000) })])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a notification Id that is no id',
    send: (h, org) => postSalesforce(h, outboundXml(org, [lead({ id: '\u202E04l5g00000ABCDE' })])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'an sObject type with an injection',
    send: (h, org) => postSalesforce(h, outboundXml(org, [lead({ object: 'Lead;DELETE' })])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a field that is a structure, not a value',
    send: (h, org) =>
      postSalesforce(h, outboundXml(org, [lead({ fieldsXml: '<sf:Status><sf:Inner>x</sf:Inner></sf:Status>' })])),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a body over the 2 MB limit',
    send: (h, org) =>
      postSalesforce(
        h,
        outboundXml(org, [lead({ fieldsXml: `<sf:Description>${'x'.repeat(5_300_000)}</sf:Description>` })]),
      ),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

describe('the Salesforce outbound-message endpoint refuses bad input, and nothing reaches the queue or the ledger', () => {
  let h: Harness;
  let org: string;
  beforeAll(async () => {
    h = await startHarness({ notifications: false });
    org = h.sf.credentials.orgId;
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const answered = await c.send(h, org);
    expect({ status: answered.status, code: answered.code }).toEqual({ status: c.status, code: c.code });
    expect(await inboundJobs(h)).toBe(0);
    expect(await rowsWritten(h)).toBe(0);
  });

  it('notifications for objects leadpact does not follow are acknowledged, so Salesforce stops sending them, and dropped', async () => {
    const answered = await postSalesforce(
      h,
      outboundXml(org, [
        lead({ object: 'Case', recordId: '5005g00000ABCDEAA1', fieldsXml: '<sf:Subject>x</sf:Subject>' }),
      ]),
    );
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('<Ack>true</Ack>');
    expect(await inboundJobs(h)).toBe(0);
  });

  it('a redelivered message is acknowledged again and queued once', async () => {
    const xml = outboundXml(org, [lead({ id: '04l5g00000REDELAA1', recordId: '00Q5g00000REDELAAA' })]);
    const before = await inboundJobs(h);
    const answers = await Promise.all(Array.from({ length: 6 }, () => postSalesforce(h, xml)));
    // Salesforce redelivers whatever it did not see acknowledged for 24 hours, so a copy is answered like the original.
    expect(answers.every((a) => a.status === 200 && a.text.includes('<Ack>true</Ack>'))).toBe(true);
    expect((await inboundJobs(h)) - before).toBe(1);
  });
});
