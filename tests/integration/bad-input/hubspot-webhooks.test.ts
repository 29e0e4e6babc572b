import { startHarness, type Harness } from '../../support/pipeline-harness';
import {
  hubspotEvent,
  hubspotHeaders,
  inboundJobs,
  postHubSpot,
  postSignedHubSpot,
  rowsWritten,
  type Answer,
} from './ingress-fixture';

const MINUTE = 60_000;

interface Case {
  readonly name: string;
  readonly send: (h: Harness) => Promise<Answer>;
  readonly status: number;
  readonly code: string;
}

const event = hubspotEvent;

/** Requests HubSpot never sends, or that someone without the app's secret sends. */
const CASES: readonly Case[] = [
  {
    name: 'no signature headers at all',
    send: (h) => postHubSpot(h, JSON.stringify([event(h)]), { 'content-type': 'application/json' }),
    status: 401,
    code: 'WEBHOOK_SIGNATURE_MISSING',
  },
  {
    name: 'a signature without its timestamp',
    send: (h) => {
      const body = JSON.stringify([event(h)]);
      const { 'x-hubspot-request-timestamp': _dropped, ...headers } = hubspotHeaders(h, body);
      return postHubSpot(h, body, headers);
    },
    status: 401,
    code: 'WEBHOOK_SIGNATURE_MISSING',
  },
  {
    name: 'signed with another secret',
    send: (h) => postSignedHubSpot(h, [event(h)], { secret: 'not-the-client-secret' }),
    status: 401,
    code: 'WEBHOOK_SIGNATURE_INVALID',
  },
  {
    name: 'a body changed after signing',
    send: (h) => {
      const headers = hubspotHeaders(h, JSON.stringify([event(h, { objectId: 901 })]));
      return postHubSpot(h, JSON.stringify([event(h, { objectId: 902 })]), headers);
    },
    status: 401,
    code: 'WEBHOOK_SIGNATURE_INVALID',
  },
  {
    name: 'signed for another URL',
    send: (h) => postSignedHubSpot(h, [event(h)], { signedUrl: `${h.baseUrl}/webhooks/hubspot?forwarded=1` }),
    status: 401,
    code: 'WEBHOOK_SIGNATURE_INVALID',
  },
  {
    name: 'a timestamp that is not a number',
    send: (h) => postSignedHubSpot(h, [event(h)], { timestamp: 'yesterday' }),
    status: 401,
    code: 'WEBHOOK_SIGNATURE_INVALID',
  },
  {
    name: 'a signature six minutes old',
    send: (h) => postSignedHubSpot(h, [event(h)], { timestamp: Date.now() - 6 * MINUTE }),
    status: 401,
    code: 'WEBHOOK_TIMESTAMP_STALE',
  },
  {
    name: 'a timestamp six minutes ahead',
    send: (h) => postSignedHubSpot(h, [event(h)], { timestamp: Date.now() + 6 * MINUTE }),
    status: 401,
    code: 'WEBHOOK_TIMESTAMP_STALE',
  },
  {
    name: 'malformed JSON',
    send: (h) => postSignedHubSpot(h, '[{"eventId": 1,'),
    status: 400,
    code: 'PAYLOAD_MALFORMED',
  },
  { name: 'an empty body', send: (h) => postSignedHubSpot(h, ''), status: 400, code: 'PAYLOAD_MALFORMED' },
  {
    name: 'an object instead of the array of events',
    send: (h) => postSignedHubSpot(h, event(h)),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  { name: 'an empty array', send: (h) => postSignedHubSpot(h, []), status: 400, code: 'PAYLOAD_INVALID' },
  {
    name: 'more than 100 events',
    send: (h) =>
      postSignedHubSpot(
        h,
        Array.from({ length: 101 }, (_, i) => event(h, { eventId: 1 + i })),
      ),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'eventId as text',
    send: (h) => postSignedHubSpot(h, [event(h, { eventId: '77' })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'occurredAt as a date string',
    send: (h) => postSignedHubSpot(h, [event(h, { occurredAt: '2026-01-01T00:00:00Z' })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'objectId as a boolean',
    send: (h) => postSignedHubSpot(h, [event(h, { objectId: true })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a negative attemptNumber',
    send: (h) => postSignedHubSpot(h, [event(h, { attemptNumber: -1 })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'propertyValue as a number',
    send: (h) =>
      postSignedHubSpot(h, [
        event(h, { subscriptionType: 'contact.propertyChange', propertyName: 'email', propertyValue: 42 }),
      ]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a merge without its merged ids',
    send: (h) =>
      postSignedHubSpot(h, [event(h, { subscriptionType: 'contact.merge', primaryObjectId: 901, newObjectId: 901 })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'only event types leadpact does not handle',
    send: (h) =>
      postSignedHubSpot(h, [
        event(h, { subscriptionType: 'deal.creation' }),
        event(h, { subscriptionType: 'company.propertyChange', propertyName: 'name', propertyValue: 'x' }),
      ]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  // Hostile strings in the identifiers we read: HubSpot defines their format, so anything else is refused.
  {
    name: 'a SOQL-shaped objectId',
    send: (h) => postSignedHubSpot(h, [event(h, { objectId: "901' OR Id != '" })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'an objectId of 400 digits',
    send: (h) => postSignedHubSpot(h, [event(h, { objectId: '9'.repeat(400) })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'an objectId in scientific notation',
    send: (h) => postSignedHubSpot(h, [event(h, { objectId: 1e30 })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a subscriptionType with an injection',
    send: (h) => postSignedHubSpot(h, [event(h, { subscriptionType: "contact.creation' OR '1'='1" })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a SOQL-shaped propertyName',
    send: (h) =>
      postSignedHubSpot(h, [
        event(h, {
          subscriptionType: 'contact.propertyChange',
          propertyName: "email' OR Email != '",
          propertyValue: 'x',
        }),
      ]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a propertyName of 100,000 characters',
    send: (h) =>
      postSignedHubSpot(h, [
        event(h, { subscriptionType: 'contact.propertyChange', propertyName: 'p'.repeat(100_000), propertyValue: 'x' }),
      ]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a changeSource in right-to-left unicode',
    send: (h) => postSignedHubSpot(h, [event(h, { changeSource: '\u202EIU_MRC' })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a sourceId of 100,000 characters',
    send: (h) => postSignedHubSpot(h, [event(h, { sourceId: 's'.repeat(100_000) })]),
    status: 400,
    code: 'PAYLOAD_INVALID',
  },
  {
    name: 'a body over the 1 MB limit',
    send: (h) =>
      postSignedHubSpot(h, [
        event(h, {
          subscriptionType: 'contact.propertyChange',
          propertyName: 'company',
          propertyValue: 'x'.repeat(1_100_000),
        }),
      ]),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
];

describe('the HubSpot webhook endpoint refuses bad input, and nothing reaches the queue or the ledger', () => {
  let h: Harness;
  beforeAll(async () => {
    // No simulator notifications: every request here is the test's own.
    h = await startHarness({ notifications: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const answered = await c.send(h);
    expect({ status: answered.status, code: answered.code }).toEqual({ status: c.status, code: c.code });
    expect(await inboundJobs(h)).toBe(0);
    expect(await rowsWritten(h)).toBe(0);
  });

  it('a copy of an accepted request is refused as a replay; HubSpot’s own retry, signed anew, is deduplicated', async () => {
    const before = await inboundJobs(h);
    const body = JSON.stringify([event(h, { eventId: 5_550_001, objectId: 903 })]);
    const headers = hubspotHeaders(h, body);
    expect((await postHubSpot(h, body, headers)).status).toBe(200);
    const copies = await Promise.all(Array.from({ length: 5 }, () => postHubSpot(h, body, headers)));
    expect(copies.map((a) => [a.status, a.code])).toEqual(Array.from({ length: 5 }, () => [409, 'WEBHOOK_REPLAYED']));
    // A retry carries a new timestamp, hence a new signature: accepted, and the same job id keeps it from being queued twice.
    const retry = await postHubSpot(h, body, hubspotHeaders(h, body, { timestamp: Date.now() + 1 }));
    expect(retry.status).toBe(200);
    expect((await inboundJobs(h)) - before).toBe(1);
  });
});
