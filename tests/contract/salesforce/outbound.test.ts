import type { Connection } from 'jsforce';
import {
  outboundAck,
  parseOutboundMessage,
  type OutboundMessage,
} from '../../../connectors/salesforce/outbound-message';
import { eventually, startReceiver, tokenConnection, useSimulator, type Received } from './support';

async function parsed(received: Received, orgId: string): Promise<OutboundMessage> {
  const result = await parseOutboundMessage(received.body, orgId);
  if (!result.ok) throw result.error;
  return result.value;
}

const ACK = { status: 200, body: outboundAck() };

describe('Salesforce simulator: outbound messages', () => {
  const sim = useSimulator();
  let conn: Connection;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

  beforeEach(() => {
    sim().reset();
    conn = tokenConnection(sim());
  });

  afterEach(async () => {
    sim().setOutbound(null);
    await receiver?.close();
    receiver = undefined;
  });

  async function listen(
    respond: (index: number) => { status: number; body: string },
    config: { fields?: { Lead?: string[] }; sendSessionId?: boolean; sendAs?: string } = {},
  ) {
    receiver = await startReceiver(respond);
    sim().setOutbound({ url: receiver.url, retryBaseMs: 10, ...config });
    return receiver;
  }

  it('posts the documented SOAP notification for a create and for each later update, with the latest values', async () => {
    const { received } = await listen(() => ACK);
    const { id } = await conn.sobject('Lead').create({ LastName: 'Hopper', Company: 'Navy', Email: 'grace@navy.test' });
    await eventually(() => expect(received).toHaveLength(1));
    await conn.sobject('Lead').update({ Id: id ?? '', Title: 'Rear Admiral' });
    await eventually(() => expect(received).toHaveLength(2));
    expect(received[0]?.headers).toMatchObject({ 'content-type': 'text/xml; charset=utf-8', soapaction: '""' });
    const [created, updated] = await Promise.all(received.map((r) => parsed(r, sim().credentials.orgId)));
    expect(created).toMatchObject({
      organizationId: sim().credentials.orgId,
      sessionId: null,
      notifications: [{ object: 'Lead', recordId: id, fields: expect.objectContaining({ Email: 'grace@navy.test' }) }],
    });
    expect(updated?.notifications[0]?.fields['Title']).toBe('Rear Admiral');
    expect(updated?.notifications[0]?.notificationId).not.toBe(created?.notifications[0]?.notificationId);
    await eventually(() =>
      expect(sim().outboundStats()).toMatchObject({ messagesDelivered: 2, notificationsDelivered: 2, pending: 0 }),
    );
  });

  it('with "Send Session ID" on, carries a live session of the "User to send as", shared by its messages', async () => {
    const integration = sim().defaults().integrationUserId;
    const rep =
      sim()
        .defaults()
        .userIds.find((id) => id !== integration) ?? '';
    const userOf = async (session: string | null) => {
      const response = await fetch(`${sim().url}/services/oauth2/userinfo`, {
        headers: { Authorization: `Bearer ${session ?? ''}` },
      });
      return response.ok ? ((await response.json()) as { user_id: string; organization_id: string }) : undefined;
    };
    const { received } = await listen(() => ACK, { sendSessionId: true, sendAs: rep });
    await conn.sobject('Lead').create({ LastName: 'Hopper', Company: 'Navy' });
    await eventually(() => expect(received).toHaveLength(1));
    await conn.sobject('Contact').create({ LastName: 'Doe' });
    await eventually(() => expect(received).toHaveLength(2));
    const messages = await Promise.all(received.map((r) => parsed(r, sim().credentials.orgId)));
    expect(messages[0]?.sessionId).toMatch(/^00D\w{12}!AQ/);
    expect(messages[1]?.sessionId).toBe(messages[0]?.sessionId);
    expect(await userOf(messages[0]?.sessionId ?? null)).toMatchObject({
      user_id: rep,
      organization_id: sim().credentials.orgId,
    });

    sim().setOutbound({ url: receiver?.url ?? '', retryBaseMs: 10, sendSessionId: true });
    await conn.sobject('Lead').create({ LastName: 'Lovelace', Company: 'Engines' });
    await eventually(() => expect(received).toHaveLength(3));
    const asIntegration = await parsed(received[2] ?? { headers: {}, body: '' }, sim().credentials.orgId);
    expect(await userOf(asIntegration.sessionId)).toMatchObject({ user_id: integration });
    expect(() =>
      sim().setOutbound({ url: receiver?.url ?? '', sendSessionId: true, sendAs: '005000000000000AAA' }),
    ).toThrow(/active User/);
  });

  it('sends at most 100 notifications per message', async () => {
    const { received } = await listen(() => ACK);
    await conn.sobject('Lead').create(Array.from({ length: 200 }, (_, i) => ({ LastName: `L${i}`, Company: 'Acme' })));
    await conn.sobject('Lead').create(Array.from({ length: 50 }, (_, i) => ({ LastName: `M${i}`, Company: 'Acme' })));
    await eventually(() => expect(sim().outboundStats().notificationsDelivered).toBe(250));
    const messages = await Promise.all(received.map((r) => parsed(r, sim().credentials.orgId)));
    expect(Math.max(...messages.map((m) => m.notifications.length))).toBeLessThanOrEqual(100);
    expect(new Set(messages.flatMap((m) => m.notifications.map((n) => n.recordId))).size).toBe(250);
  });

  it('redelivers the same notification with back-off until the ACK arrives', async () => {
    const { received } = await listen((index) =>
      index === 0 ? { status: 500, body: 'down' } : index === 1 ? { status: 200, body: 'OK' } : ACK,
    );
    await conn.sobject('Contact').create({ LastName: 'Doe' });
    await eventually(() => expect(sim().outboundStats().messagesDelivered).toBe(1));
    expect(received).toHaveLength(3);
    const messages = await Promise.all(received.map((r) => parsed(r, sim().credentials.orgId)));
    expect(new Set(messages.map((m) => m.notifications[0]?.notificationId)).size).toBe(1);
    expect(sim().outboundStats()).toMatchObject({ attempts: 3, failedAttempts: 2 });
  });

  it('sends only the configured fields, and nothing for deletes or objects without a rule', async () => {
    const { received } = await listen(() => ACK, { fields: { Lead: ['Email', 'Status'] } });
    const { id } = await conn.sobject('Lead').create({ LastName: 'Hopper', Company: 'Navy', Email: 'grace@navy.test' });
    await conn.sobject('Account').create({ Name: 'No rule' });
    await eventually(() => expect(received).toHaveLength(1));
    expect(
      (await parsed(received[0] ?? { headers: {}, body: '' }, sim().credentials.orgId)).notifications[0]?.fields,
    ).toEqual({
      Id: id,
      Email: 'grace@navy.test',
      Status: 'Open - Not Contacted',
    });
    await conn.sobject('Lead').destroy(id ?? '');
    await conn.sobject('Account').create({ Name: 'Still no rule' });
    expect(sim().outboundStats().pending).toBe(0);
    expect(received).toHaveLength(1);
  });
});
