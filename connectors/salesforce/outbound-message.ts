import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { InputError } from '../../src/shared/errors';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { err, ok, type Result } from '../../src/shared/result';

/**
 * Salesforce outbound messages (workflow notifications over SOAP), parsed and validated, and the
 * acknowledgement that stops redelivery. Hostile input never throws: it comes back as an
 * InputError. There is no signature to check; the ingress compares OrganizationId with its org.
 * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html
 */

export interface OutboundNotification {
  /** Stable across redeliveries of the same notification: deduplicate on it. */
  readonly notificationId: string;
  /** The sObject type, e.g. Lead. */
  readonly object: string;
  readonly recordId: SalesforceId;
  /** The fields the outbound message was set up to send, as text; null when sent as xsi:nil. */
  readonly fields: Readonly<Record<string, string | null>>;
}

export interface OutboundMessage {
  readonly organizationId: string;
  readonly actionId: string;
  readonly sessionId: string | null;
  readonly enterpriseUrl: string;
  readonly partnerUrl: string;
  readonly notifications: readonly OutboundNotification[];
}

// A message holds at most 100 notifications; 5 MB is far above what 100 records take.
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_NOTIFICATIONS = 100;
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, jpath) => jpath === 'Envelope.Body.notifications.Notification',
});

const nil = z.object({ '@_nil': z.literal('true') }).transform(() => null);
const fieldValue = z.union([z.string(), nil, z.object({ '#text': z.string() }).transform((v) => v['#text'])]);

const sObjectSchema = z.record(z.string(), z.unknown()).pipe(
  z.looseObject({
    '@_type': z.string().regex(/^(?:[A-Za-z0-9_]+:)?[A-Za-z][A-Za-z0-9_]*$/),
    Id: z.string().regex(ID),
  }),
);

const messageSchema = z.object({
  Envelope: z.object({
    Body: z.object({
      notifications: z.object({
        OrganizationId: z.string().regex(/^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/),
        ActionId: z.string().regex(ID),
        SessionId: z.union([z.string(), nil]).optional(),
        EnterpriseUrl: z.string(),
        PartnerUrl: z.string(),
        Notification: z
          .array(z.object({ Id: z.string().regex(ID), sObject: sObjectSchema }))
          .min(1)
          .max(MAX_NOTIFICATIONS),
      }),
    }),
  }),
});

function invalid(message: string): Result<never, InputError> {
  return err(new InputError('PAYLOAD_INVALID', `Not a Salesforce outbound message: ${message}`));
}

function fieldsOf(sObject: Readonly<Record<string, unknown>>): Result<Record<string, string | null>, InputError> {
  const fields: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(sObject)) {
    if (name.startsWith('@_')) continue;
    const value = fieldValue.safeParse(raw);
    if (!FIELD_NAME.test(name) || !value.success)
      return invalid(`sObject field ${name.slice(0, 80)} is not a simple value`);
    fields[name] = value.data;
  }
  return ok(fields);
}

function parseXml(text: string): Result<unknown, InputError> {
  // SOAP messages carry no DTD; refusing one also refuses entity-expansion attacks.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return err(new InputError('PAYLOAD_MALFORMED', 'XML with a DTD is not accepted'));
  try {
    return ok(parser.parse(text, true));
  } catch (error) {
    return err(
      new InputError(
        'PAYLOAD_MALFORMED',
        `The body is not well-formed XML: ${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}`,
      ),
    );
  }
}

export function parseOutboundMessage(xml: string | Buffer): Result<OutboundMessage, InputError> {
  if (Buffer.byteLength(xml) > MAX_BYTES)
    return err(new InputError('PAYLOAD_TOO_LARGE', `An outbound message may not exceed ${MAX_BYTES} bytes`));
  const tree = parseXml(typeof xml === 'string' ? xml : xml.toString('utf8'));
  if (!tree.ok) return tree;
  const parsed = messageSchema.safeParse(tree.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(issue === undefined ? 'unexpected shape' : `${issue.path.join('.')}: ${issue.message}`);
  }
  const body = parsed.data.Envelope.Body.notifications;
  const notifications: OutboundNotification[] = [];
  for (const notification of body.Notification) {
    const fields = fieldsOf(notification.sObject);
    const recordId = notification.sObject.Id;
    if (!fields.ok) return fields;
    if (!isSalesforceId(recordId)) return invalid('sObject Id is not a Salesforce id');
    const object = notification.sObject['@_type'].replace(/^[A-Za-z0-9_]+:/, '');
    notifications.push({ notificationId: notification.Id, object, recordId, fields: fields.value });
  }
  return ok({
    organizationId: body.OrganizationId,
    actionId: body.ActionId,
    sessionId: body.SessionId ?? null,
    enterpriseUrl: body.EnterpriseUrl,
    partnerUrl: body.PartnerUrl,
    notifications,
  });
}

/** The documented acknowledgement: one Ack covers every notification of the message. */
export function outboundAck(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">',
    '<soapenv:Body>',
    '<notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">',
    '<Ack>true</Ack>',
    '</notificationsResponse>',
    '</soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('');
}
