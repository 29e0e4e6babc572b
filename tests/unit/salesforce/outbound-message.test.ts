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
  it('reads the organisation, the action, and each notification with its sObject type and fields', () => {
    const { xml, ids } = messageXml(2);
    const parsed = parseOutboundMessage(xml);
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

  it('reads xsi:nil as null and accepts a Buffer', () => {
    const xml = messageXml().xml.replace('<sf:Email>ada@analytical.test</sf:Email>', '<sf:Email xsi:nil="true"/>');
    const parsed = parseOutboundMessage(Buffer.from(xml));
    expect(parsed.ok && parsed.value.notifications[0]?.fields['Email']).toBeNull();
  });

  it.each([
    ['not XML', 'hello', 'PAYLOAD_MALFORMED'],
    ['unbalanced XML', '<a><b></a>', 'PAYLOAD_MALFORMED'],
    ['a DTD with entities', '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', 'PAYLOAD_MALFORMED'],
    [
      'another SOAP body',
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ping/></soapenv:Body></soapenv:Envelope>',
      'PAYLOAD_INVALID',
    ],
    ['an organisation id that is not one', messageXml().xml.replace(ORG, '001000000000000AAA'), 'PAYLOAD_INVALID'],
    ['an sObject without Id', messageXml().xml.replace(/<sf:Id>[^<]*<\/sf:Id>/, ''), 'PAYLOAD_INVALID'],
    [
      'a nested sObject field',
      messageXml().xml.replace('</sObject>', '<sf:Owner><sf:Name>x</sf:Name></sf:Owner></sObject>'),
      'PAYLOAD_INVALID',
    ],
    ['more than 100 notifications', messageXml(101).xml, 'PAYLOAD_INVALID'],
    ['a body over 5 MB', `<x>${'a'.repeat(5 * 1024 * 1024)}</x>`, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', (_case, xml, code) => {
    const parsed = parseOutboundMessage(xml);
    expect(parsed.ok ? 'accepted' : parsed.error.code).toBe(code);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `<notifications>${s}</notifications>`),
          fc.uint8Array().map((b) => Buffer.from(b)),
        ),
        (input) => {
          expect(() => parseOutboundMessage(input)).not.toThrow();
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
