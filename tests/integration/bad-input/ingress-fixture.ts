import { createHash } from 'node:crypto';
import { hubSpotV3Signature } from '../../../connectors/hubspot/webhook-signature';
import { repositories } from '../../../src/store';
import { handedOff } from '../../support/contacts';
import { eventually, type Harness } from '../../support/pipeline-harness';

/** What the ingress answered: the status, and the stable code of an error body. */
export interface Answer {
  readonly status: number;
  readonly code: string | undefined;
  readonly text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code, text };
}

export interface SignOptions {
  readonly timestamp?: number | string;
  readonly secret?: string;
  /** The URL the signature claims, when it is not the one posted to. */
  readonly signedUrl?: string;
}

/** The v3 headers HubSpot would send for these bytes. */
export function hubspotHeaders(h: Harness, body: string | Buffer, options: SignOptions = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? Date.now());
  const url = options.signedUrl ?? `${h.baseUrl}/webhooks/hubspot`;
  const signature = hubSpotV3Signature({
    method: 'POST',
    url,
    rawBody: Buffer.from(body),
    timestamp,
    clientSecret: options.secret ?? h.hs.credentials.clientSecret,
  });
  return {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': timestamp,
  };
}

export async function postHubSpot(h: Harness, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  return answer(await fetch(`${h.baseUrl}/webhooks/hubspot`, { method: 'POST', headers, body }));
}

/** Signs `body` (anything JSON.stringify takes, or raw text) and posts it as HubSpot would. */
export async function postSignedHubSpot(h: Harness, body: unknown, options: SignOptions = {}): Promise<Answer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return postHubSpot(h, raw, hubspotHeaders(h, raw, options));
}

/** A contact event with every field HubSpot sends; `overrides` replace or add fields. */
export function hubspotEvent(h: Harness, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: 4_200_000 + Math.floor(Math.random() * 1_000_000),
    subscriptionId: 7,
    portalId: h.hs.credentials.portalId,
    appId: Number(h.hs.credentials.appId),
    occurredAt: Date.now(),
    attemptNumber: 0,
    subscriptionType: 'contact.creation',
    objectId: 901,
    changeSource: 'CRM_UI',
    ...overrides,
  };
}

export async function postSalesforce(h: Harness, xml: string | Buffer): Promise<Answer> {
  return answer(
    await fetch(`${h.baseUrl}/webhooks/salesforce`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: xml,
    }),
  );
}

export interface XmlNotification {
  readonly id: string;
  readonly object: string;
  readonly recordId: string;
  /** Field elements, inserted as given (already escaped, or hostile on purpose). */
  readonly fieldsXml?: string;
}

/**
 * An outbound message in the WSDL's shape; its parts are inserted verbatim so a test can break any of
 * them. `sessionId` is the SessionId element's text (nil without it).
 */
export function outboundXml(
  orgId: string,
  notifications: readonly XmlNotification[],
  header = '',
  sessionId?: string,
): string {
  const session = sessionId === undefined ? '<SessionId xsi:nil="true"/>' : `<SessionId>${sessionId}</SessionId>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    header,
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">',
    `<OrganizationId>${orgId}</OrganizationId><ActionId>04k5g000000ABCDAA4</ActionId>${session}`,
    '<EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/62.0</EnterpriseUrl><PartnerUrl>https://example.my.salesforce.com/services/Soap/u/62.0</PartnerUrl>',
    ...notifications.map(
      (n) =>
        `<Notification><Id>${n.id}</Id><sObject xsi:type="sf:${n.object}" xmlns:sf="urn:sobject.enterprise.soap.sforce.com"><sf:Id>${n.recordId}</sf:Id>${n.fieldsXml ?? ''}</sObject></Notification>`,
    ),
    '</notifications></soapenv:Body></soapenv:Envelope>',
  ].join('\n');
}

/** Every job the inbound queue ever held (completed and failed ones are kept). */
export async function inboundJobs(h: Harness): Promise<number> {
  const counts = (await h.runtime.pipeline?.queues.inbound.getJobCounts()) ?? {};
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

/** Rows in the tables a webhook could lead to: leads, their audit trail, CRM writes, dead letters. */
export async function rowsWritten(h: Harness): Promise<number> {
  const result = await h.db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM leads) + (SELECT count(*) FROM lead_events) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM dead_letters) AS n',
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** The id of the inbound job the ingress makes of these notifications. */
export function salesforceJobId(notifications: readonly XmlNotification[]): string {
  const ids = notifications.map((n) => n.id).sort();
  return `sf-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 40)}`;
}

/** Waits for the inbound job the ingress made of these notifications to be completed by the worker. */
export async function processed(h: Harness, notifications: readonly XmlNotification[]): Promise<void> {
  const jobId = salesforceJobId(notifications);
  await eventually(
    async () => ((await h.runtime.pipeline?.queues.inbound.getJobState(jobId)) === 'completed' ? true : undefined),
    20_000,
    `inbound job ${jobId}`,
  );
}

/** leadpact_webhook_refusals_total for Salesforce and this code, as /metrics reports it. */
export async function refusals(h: Harness, code: string): Promise<number> {
  const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`leadpact_webhook_refusals_total{source="salesforce",code="${code}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

/** A qualified contact handed off to a Salesforce Lead, once the ledger links the two. */
export async function linkedLead(h: Harness, n: string) {
  const { contactId, lead } = await handedOff(h, n);
  const id = String(lead.Id);
  const stored = await eventually(
    async () => (await repositories(h.db).leads.findBySalesforceId(id as never)) ?? undefined,
    20_000,
    'the hand-off recorded',
  );
  return { contactId, sfId: id, stored };
}
