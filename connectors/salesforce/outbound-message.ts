import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { InputError } from '../../src/shared/errors';
import { isSalesforceId, type SalesforceId } from '../../src/shared/ids';
import { err, ok, type Result } from '../../src/shared/result';
import { sameOrganization, screenOutboundMessage } from './outbound-screen';

/**
 * Salesforce outbound messages (workflow notifications over SOAP), parsed and validated, and the
 * acknowledgement that stops redelivery. Hostile input never throws: it comes back as an
 * InputError. There is no signature to check, so a message is a notification, never the truth: the
 * ingress keeps only which records it names, and the worker reads them back through the API.
 * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html
 */

export interface OutboundNotification {
  /** Stable across redeliveries of the same notification: deduplicate on it. */
  readonly notificationId: string;
  /** The sObject type, e.g. Lead. */
  readonly object: string;
  readonly recordId: SalesforceId;
  /**
   * The fields the outbound message was set up to send, as text; null when sent as xsi:nil. Anyone
   * can post a message, so these are claims: only the ingress's plausibility checks read them.
   */
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
});

const nil = z.object({ '@_nil': z.literal('true') }).transform(() => null);
const fieldValue = z.union([z.string(), nil, z.object({ '#text': z.string() }).transform((v) => v['#text'])]);

const sObjectSchema = z.record(z.string(), z.unknown()).pipe(
  z.looseObject({
    '@_type': z.string().regex(/^(?:[A-Za-z0-9_]+:)?[A-Za-z][A-Za-z0-9_]*$/),
    Id: z.string().regex(ID),
  }),
);

const headerSchema = z.object({
  Envelope: z.object({
    Body: z.object({
      notifications: z.object({
        OrganizationId: z.string().regex(/^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/),
        ActionId: z.string().regex(ID),
        SessionId: z.union([z.string().max(1024), nil]).optional(),
        EnterpriseUrl: z.string(),
        PartnerUrl: z.string(),
      }),
    }),
  }),
});

const notificationSchema = z.object({ Notification: z.object({ Id: z.string().regex(ID), sObject: sObjectSchema }) });

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

function parsed<T>(schema: z.ZodType<T>, text: string, at: string): Result<T, InputError> {
  let tree: unknown;
  try {
    tree = parser.parse(text, true);
  } catch (error) {
    return err(
      new InputError(
        'PAYLOAD_MALFORMED',
        `The body is not well-formed XML: ${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}`,
      ),
    );
  }
  const checked = schema.safeParse(tree);
  if (checked.success) return ok(checked.data);
  const issue = checked.error.issues[0];
  return invalid(issue === undefined ? 'unexpected shape' : `${at}${issue.path.join('.')}: ${issue.message}`);
}

function notificationOf(piece: string): Result<OutboundNotification, InputError> {
  const checked = parsed(notificationSchema, piece, '');
  if (!checked.ok) return checked;
  const { Id: notificationId, sObject } = checked.value.Notification;
  const fields = fieldsOf(sObject);
  if (!fields.ok) return fields;
  const recordId = sObject.Id;
  if (!isSalesforceId(recordId)) return invalid('sObject Id is not a Salesforce id');
  const object = sObject['@_type'].replace(/^[A-Za-z0-9_]+:/, '');
  return ok({ notificationId, object, recordId, fields: fields.value });
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Screens the raw bytes (outbound-screen.ts: size, DTD, organization, markup limits) and only then
 * parses, one notification at a time, handing the event loop back between them. A message from
 * another organization is refused before any parser runs.
 */
export async function parseOutboundMessage(
  body: string | Buffer,
  organizationId: string,
): Promise<Result<OutboundMessage, InputError>> {
  const pieces = screenOutboundMessage(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, organizationId);
  if (!pieces.ok) return pieces;
  const header = parsed(headerSchema, pieces.value.header, '');
  if (!header.ok) return header;
  const head = header.value.Envelope.Body.notifications;
  if (!sameOrganization(head.OrganizationId, organizationId))
    return err(
      new InputError(
        'WEBHOOK_ORG_MISMATCH',
        'The outbound message comes from an organization other than SALESFORCE_ORG_ID.',
      ),
    );
  const notifications: OutboundNotification[] = [];
  for (const piece of pieces.value.notifications) {
    await yieldToEventLoop();
    const notification = notificationOf(piece);
    if (!notification.ok) return notification;
    notifications.push(notification.value);
  }
  return ok({
    organizationId: head.OrganizationId,
    actionId: head.ActionId,
    sessionId: head.SessionId ?? null,
    enterpriseUrl: head.EnterpriseUrl,
    partnerUrl: head.PartnerUrl,
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
