import fc from 'fast-check';
import { outboundAck, parseOutboundMessage } from '../../../connectors/salesforce/outbound-message';
import { isAck, notificationsXml } from '../../../connectors/salesforce/simulator/outbound-xml';
import { makeOrg } from './org-fixture';

const ORG = '00D5g000001LPctEAG';

function messageXml(count = 1): { xml: string; ids: string[] } {
  const org = makeOrg();
  const ids = Array.from({ length: count }, (_, i) =>
    org.insert('Lead', {
      LastName: `Lovelace & Co <${i}>`,
      Company: 'Analytical',
      Email: 'ada@analytical.test',
      AnnualRevenue: 1200.5,
    }),
  );
  const schema = org.actor.registry.object('Lead');
  const fields = (schema?.fields ?? []).filter((f) =>
    ['Id', 'LastName', 'Email', 'AnnualRevenue', 'IsConverted', 'CreatedDate', 'Title'].includes(f.name),
  );
  const notifications = ids.map((id, i) => ({
    notificationId: `04l5g00000ABC${String(i).padStart(2, '0')}`,
    object: 'Lead',
    row: org.actor.store.get('Lead', id) ?? {},
    fields,
  }));
  return {
    xml: notificationsXml(
      {
        organizationId: ORG,
        actionId: '04k5g000000AbCd',
        baseUrl: 'https://example.my.salesforce.com',
        apiVersion: '62.0',
      },
      notifications,
    ),
    ids,
  };
}

describe('parseOutboundMessage', () => {
  it('reads the organisation, the action, and each notification with its sObject type and fields', async () => {
    const { xml, ids } = messageXml(2);
    const parsed = await parseOutboundMessage(xml, ORG);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      organizationId: ORG,
      actionId: '04k5g000000AbCd',
      sessionId: null,
      partnerUrl: 'https://example.my.salesforce.com/services/Soap/u/62.0/00D5g000001LPct',
    });
    expect(parsed.value.notifications).toHaveLength(2);
    expect(parsed.value.notifications[0]).toEqual({
      notificationId: '04l5g00000ABC00',
      object: 'Lead',
      recordId: ids[0],
      fields: {
        Id: ids[0],
        LastName: 'Lovelace & Co <0>',
        Email: 'ada@analytical.test',
        AnnualRevenue: '1200.5',
        IsConverted: 'false',
        CreatedDate: '2024-03-15T12:00:00.000Z',
      },
    });
  });

  it('reads xsi:nil as null and accepts a Buffer', async () => {
    const xml = messageXml().xml.replace('<sf:Email>ada@analytical.test</sf:Email>', '<sf:Email xsi:nil="true"/>');
    const parsed = await parseOutboundMessage(Buffer.from(xml), ORG);
    expect(parsed.ok && parsed.value.notifications[0]?.fields['Email']).toBeNull();
  });

  const HEAD = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notifications><OrganizationId>${ORG}</OrganizationId>`;
  const one = messageXml().xml;
  const fieldsBomb = (n: number) =>
    one.replace('</sObject>', `${Array.from({ length: n }, (_, i) => `<sf:F${i}/>`).join('')}</sObject>`);

  it.each([
    ['not XML', 'hello', 'WEBHOOK_ORG_MISMATCH'],
    ['unbalanced XML naming no org', '<a><b></a>', 'WEBHOOK_ORG_MISMATCH'],
    ['unbalanced XML', `${HEAD}<Notification><a></Notification>`, 'PAYLOAD_MALFORMED'],
    ['a DTD with entities', `<!DOCTYPE x [<!ENTITY a "aaaa">]>${HEAD}<x>&a;</x>`, 'PAYLOAD_MALFORMED'],
    [
      'a DTD from a stranger, refused on its org first',
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
      'WEBHOOK_ORG_MISMATCH',
    ],
    ['another SOAP body', `${HEAD}<ping/></notifications></soapenv:Body></soapenv:Envelope>`, 'PAYLOAD_INVALID'],
    ['an organisation id that is not ours', one.replace(ORG, '001000000000000AAA'), 'WEBHOOK_ORG_MISMATCH'],
    [
      'an organisation id past the first 8 KB',
      one.replace('<notifications', `<!--${'x'.repeat(9000)}--><notifications`),
      'WEBHOOK_ORG_MISMATCH',
    ],
    ['an sObject without Id', one.replace(/<sf:Id>[^<]*<\/sf:Id>/, ''), 'PAYLOAD_INVALID'],
    [
      'a nested sObject field',
      one.replace('</sObject>', '<sf:Owner><sf:Name>x</sf:Name></sf:Owner></sObject>'),
      'PAYLOAD_INVALID',
    ],
    ['more than 100 notifications', messageXml(101).xml, 'PAYLOAD_INVALID'],
    ['a body over 2 MB', `${HEAD}${'a'.repeat(2 * 1024 * 1024)}`, 'PAYLOAD_TOO_LARGE'],
    ['200,000 distinct empty elements', fieldsBomb(200_000), 'PAYLOAD_TOO_LARGE'],
    ['one notification of 3,000 fields', fieldsBomb(3_000), 'PAYLOAD_TOO_LARGE'],
    [
      'elements nested 40 deep',
      one.replace('</sObject>', `${'<sf:a>'.repeat(40)}${'</sf:a>'.repeat(40)}</sObject>`),
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'an element of 5,000 attributes',
      one.replace('<sf:Email>', `<sf:Email ${Array.from({ length: 5000 }, (_, i) => `a${i}="1"`).join(' ')}>`),
      'PAYLOAD_TOO_LARGE',
    ],
    ['a header of 1,000 elements', one.replace('<ActionId>', `${'<x/>'.repeat(1000)}<ActionId>`), 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_case, xml, code) => {
    const parsed = await parseOutboundMessage(xml, ORG);
    expect(parsed.ok ? 'accepted' : parsed.error.code).toBe(code);
  });

  it('never throws, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `${HEAD}<Notification>${s}</Notification></notifications>`),
          fc.uint8Array().map((b) => Buffer.from(b)),
        ),
        async (input) => {
          await expect(parseOutboundMessage(input, ORG)).resolves.toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('acknowledges with the documented ACK, which the simulator accepts', () => {
    expect(outboundAck()).toContain(
      '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse>',
    );
    expect(isAck(200, outboundAck())).toBe(true);
    expect(isAck(500, outboundAck())).toBe(false);
    expect(isAck(200, '<Ack>false</Ack>')).toBe(false);
  });
});
