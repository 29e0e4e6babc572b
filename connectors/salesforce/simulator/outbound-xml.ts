import type { FieldDef } from './schema/field';
import type { Row } from './store';

/**
 * The SOAP body of an outbound message, per the outbound messaging WSDL: the org, the workflow
 * action, the session id (nil unless the action sends one), the callback URLs, and up to 100
 * Notifications, each with its own id and the sObject's selected fields.
 * https://developer.salesforce.com/docs/platform/api/guide/sforce-api-om-outboundmessaging-wsdl.html
 */

export interface NotificationContent {
  readonly notificationId: string;
  readonly object: string;
  readonly row: Row;
  readonly fields: readonly FieldDef[];
}

export interface MessageHeader {
  readonly organizationId: string;
  readonly actionId: string;
  readonly baseUrl: string;
  readonly apiVersion: string;
  /** When the action sends one ("Send Session ID"): a session of its "User to send as". */
  readonly sessionId?: string;
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** A value in its xsd form: dateTime as ISO 8601 UTC, booleans and numbers as text. */
function xsdValue(field: FieldDef, value: Row[string]): string {
  if (field.type === 'datetime' && typeof value === 'number') return new Date(value).toISOString();
  return String(value);
}

function notificationXml(content: NotificationContent): string {
  const values = content.fields
    .filter((field) => field.name !== 'Id')
    .filter((field) => content.row[field.name] !== null && content.row[field.name] !== undefined)
    .map(
      (field) => `<sf:${field.name}>${escapeXml(xsdValue(field, content.row[field.name] ?? null))}</sf:${field.name}>`,
    );
  return [
    '<Notification>',
    `<Id>${content.notificationId}</Id>`,
    `<sObject xsi:type="sf:${content.object}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">`,
    `<sf:Id>${escapeXml(String(content.row['Id']))}</sf:Id>`,
    ...values,
    '</sObject>',
    '</Notification>',
  ].join('');
}

export function notificationsXml(header: MessageHeader, notifications: readonly NotificationContent[]): string {
  const org15 = header.organizationId.slice(0, 15);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<soapenv:Body>',
    '<notifications xmlns="http://soap.sforce.com/2005/09/outbound">',
    `<OrganizationId>${header.organizationId}</OrganizationId>`,
    `<ActionId>${header.actionId}</ActionId>`,
    header.sessionId === undefined
      ? '<SessionId xsi:nil="true"/>'
      : `<SessionId>${escapeXml(header.sessionId)}</SessionId>`,
    `<EnterpriseUrl>${escapeXml(`${header.baseUrl}/services/Soap/c/${header.apiVersion}/${org15}`)}</EnterpriseUrl>`,
    `<PartnerUrl>${escapeXml(`${header.baseUrl}/services/Soap/u/${header.apiVersion}/${org15}`)}</PartnerUrl>`,
    ...notifications.map(notificationXml),
    '</notifications>',
    '</soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('\n');
}

/** The endpoint acknowledged the message: HTTP 200 with <Ack>true</Ack>; anything else is redelivered. */
export function isAck(status: number, body: string): boolean {
  return status === 200 && /<(?:[A-Za-z0-9_]+:)?Ack>\s*true\s*<\/(?:[A-Za-z0-9_]+:)?Ack>/.test(body);
}
