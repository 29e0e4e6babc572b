import { z } from 'zod';
import { outboundAck } from '../../../connectors/salesforce/outbound-message';
import { eventually, startReceiver, tokenConnection, useSimulator } from './support';

/** The /__sim control surface, as another process (leadpact sim, the demo) drives it. */
describe('Salesforce simulator: control surface over HTTP', () => {
  const sim = useSimulator();

  beforeEach(() => sim().reset());

  async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${sim().url}/__sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
  }

  it('tells the credentials it accepts and mints a session', async () => {
    const { json } = await control('GET', 'credentials');
    expect(json).toMatchObject({
      url: sim().url,
      loginUrl: sim().url,
      orgId: sim().credentials.orgId,
      clientId: sim().credentials.clientId,
    });
    const token = z
      .object({ access_token: z.string(), instance_url: z.string() })
      .parse((await control('POST', 'token')).json);
    const response = await fetch(`${sim().url}/services/data/v62.0/limits`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(response.status).toBe(200);
  });

  it('seeds records, converts a lead, merges duplicates and lists records', async () => {
    const seeded = z.object({ ids: z.array(z.string()) }).parse(
      (
        await control('POST', 'seed', {
          object: 'Lead',
          records: [
            { LastName: 'A', Company: 'X' },
            { LastName: 'B', Company: 'X' },
            { LastName: 'C', Company: 'Y' },
          ],
        })
      ).json,
    );
    const [a, b, c] = seeded.ids;
    const converted = await control('POST', 'convert-lead', {
      id: a,
      opportunity: { amount: 1000, stageName: 'Prospecting' },
    });
    expect(converted.json).toMatchObject({ leadId: a, opportunityId: expect.stringMatching(/^006/) });
    expect((await control('POST', 'merge', { masterId: b, duplicateIds: [c] })).status).toBe(204);
    const records = z.array(z.record(z.string(), z.unknown())).parse((await control('GET', 'records/Lead')).json);
    expect(records.find((r) => r['Id'] === c)).toMatchObject({ IsDeleted: true, MasterRecordId: b });
    expect(records.find((r) => r['Id'] === a)).toMatchObject({ IsConverted: true });
  });

  it('refuses a bad body with 400 and the reason', async () => {
    expect(await control('POST', 'seed', { object: 'Lead', records: [{ Company: 'X' }] })).toEqual({
      status: 400,
      json: { error: expect.stringContaining('REQUIRED_FIELD_MISSING') },
    });
    expect((await control('PUT', 'faults', { latency: 5 })).status).toBe(400);
    expect((await control('POST', 'nothing')).status).toBe(404);
  });

  it('sets faults, expires sessions, reads call counts and resets', async () => {
    const conn = tokenConnection(sim());
    expect((await control('PUT', 'faults', { fail: [{ route: 'GET /query', status: 500 }] })).status).toBe(204);
    // jsforce retries a GET after a 5xx on its own, so the one forced failure is absorbed.
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
    await control('POST', 'expire-sessions');
    await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    expect((await control('GET', 'calls')).json).toEqual({ total: 1, byRoute: { 'GET /query': 3 } });
    await control('POST', 'reset');
    expect((await control('GET', 'calls')).json).toEqual({ total: 0, byRoute: {} });
  });

  it('points outbound messages at a URL', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: outboundAck() }));
    try {
      expect((await control('PUT', 'outbound', { url: receiver.url, objects: ['Lead'], retryBaseMs: 10 })).status).toBe(
        204,
      );
      await control('POST', 'seed', { object: 'Lead', records: [{ LastName: 'A', Company: 'X' }], notify: true });
      await eventually(() => expect(receiver.received).toHaveLength(1));
      await eventually(async () =>
        expect((await control('GET', 'outbound')).json).toMatchObject({ messagesDelivered: 1 }),
      );
      await control('PUT', 'outbound', null);
    } finally {
      await receiver.close();
    }
  });
});
