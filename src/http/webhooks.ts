import { createHash } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { hubSpotWebhookBodySchema, isOwnChange, type HubSpotWebhookEvent } from '../../connectors/hubspot/webhook-events.schema';
import { verifyHubSpotSignature } from '../../connectors/hubspot/webhook-signature';
import { outboundAck, parseOutboundMessage } from '../../connectors/salesforce/outbound-message';
import type { HubSpotNotice, InboundJob } from '../../jobs/inbound/inbound.schema';
import type { Metrics } from '../observability/metrics';
import { InputError, LeadpactError } from '../shared/errors';
import { isHubSpotContactId } from '../shared/ids';

/** Where accepted webhooks go: the inbound queue. Resolves once the job is stored in Redis. */
export type Enqueue = (job: InboundJob, jobId: string) => Promise<void>;

export interface WebhookDeps {
  readonly enqueue: Enqueue;
  /** The externally visible base URL HubSpot signs (PUBLIC_URL). */
  readonly publicUrl: string;
  readonly hubspotClientSecret: string;
  /** Our own app: its writes coming back are dropped here. */
  readonly hubspotAppId: string | undefined;
  readonly salesforceOrgId: string;
  readonly metrics: Metrics;
  readonly now: () => number;
}

const HUBSPOT_LIMIT = '1mb';
const SALESFORCE_LIMIT = '5mb';

/** The webhook ingress: verify, parse, enqueue, answer. No CRM call happens inside a request. */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.post('/webhooks/hubspot', express.raw({ type: () => true, limit: HUBSPOT_LIMIT }), async (req, res) => {
    const accepted = await acceptHubSpot(deps, req);
    res.status(200).json({ accepted });
  });
  router.post('/webhooks/salesforce', express.raw({ type: () => true, limit: SALESFORCE_LIMIT }), async (req, res) => {
    await acceptSalesforce(deps, req);
    res.status(200).type('text/xml; charset=utf-8').send(outboundAck());
  });
  return router;
}

function rawBody(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) throw new InputError('PAYLOAD_INVALID', 'The request has no body.');
  return req.body;
}

async function acceptHubSpot(deps: WebhookDeps, req: Request): Promise<number> {
  const body = rawBody(req);
  const verified = verifyHubSpotSignature({
    rawBody: body,
    signature: req.get('x-hubspot-signature-v3'),
    timestamp: req.get('x-hubspot-request-timestamp'),
    method: req.method,
    url: `${deps.publicUrl}${req.originalUrl}`,
    clientSecret: deps.hubspotClientSecret,
    now: deps.now(),
  });
  if (!verified.ok) return reject(deps, 'hubspot', verified.error);
  const parsed = hubSpotWebhookBodySchema.safeParse(parseJson(deps, body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject(deps, 'hubspot', new InputError('PAYLOAD_INVALID', `The webhook body does not match HubSpot's event format at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`));
  }
  const notices = parsed.data.flatMap((event) => noticeOf(event, deps.hubspotAppId));
  deps.metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'ignored' }, parsed.data.length - notices.length);
  if (notices.length === 0) return 0;
  await enqueue(deps, { source: 'hubspot', receivedAt: deps.now(), notices }, 'hs', notices.map((n) => n.eventId));
  deps.metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'enqueued' }, notices.length);
  return notices.length;
}

function parseJson(deps: WebhookDeps, body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return reject(deps, 'hubspot', new InputError('PAYLOAD_MALFORMED', 'The body is not valid JSON.'));
  }
}

/** The events the pipeline acts on; our own writes echoing back and unknown types are left out. */
function noticeOf(event: HubSpotWebhookEvent, appId: string | undefined): HubSpotNotice[] {
  if (!event.known || (appId !== undefined && event.subscriptionType === 'contact.propertyChange' && isOwnChange(event, appId))) return [];
  const common = {
    eventId: String(event.eventId),
    occurredAt: event.occurredAt,
    ...(event.changeSource === undefined ? {} : { changeSource: event.changeSource }),
    ...(event.sourceId === undefined ? {} : { sourceId: event.sourceId }),
  };
  switch (event.subscriptionType) {
    case 'contact.creation':
      return [{ ...common, kind: 'creation', objectId: event.objectId }];
    case 'contact.deletion':
      return [{ ...common, kind: 'deletion', objectId: event.objectId }];
    case 'contact.privacyDeletion':
      return [{ ...common, kind: 'privacyDeletion', objectId: event.objectId }];
    case 'contact.restore':
      return [{ ...common, kind: 'restore', objectId: event.objectId }];
    case 'contact.propertyChange':
      return [{ ...common, kind: 'propertyChange', objectId: event.objectId, propertyName: event.propertyName, propertyValue: event.propertyValue }];
    case 'contact.merge':
      return [{ ...common, kind: 'merge', objectId: event.objectId, primaryObjectId: event.primaryObjectId, mergedObjectIds: event.mergedObjectIds, newObjectId: event.newObjectId }];
    case 'contact.associationChange':
      return isHubSpotContactId(event.fromObjectId) ? [{ ...common, kind: 'associationChange', objectId: event.fromObjectId }] : [];
  }
}

async function acceptSalesforce(deps: WebhookDeps, req: Request): Promise<void> {
  const parsed = parseOutboundMessage(rawBody(req));
  if (!parsed.ok) return reject(deps, 'salesforce', parsed.error);
  const message = parsed.value;
  // Org ids compare on their case-sensitive 15-character form; the 18-character form adds a checksum.
  if (message.organizationId.slice(0, 15) !== deps.salesforceOrgId.slice(0, 15)) {
    return reject(deps, 'salesforce', new InputError('WEBHOOK_ORG_MISMATCH', 'The outbound message comes from an organization other than SALESFORCE_ORG_ID.'));
  }
  const notices = message.notifications.map((n) => ({ notificationId: n.notificationId, object: n.object, recordId: n.recordId, fields: { ...n.fields } }));
  if (notices.length === 0) return;
  // The ACK goes out only after this resolves: Salesforce redelivers anything we did not store.
  await enqueue(deps, { source: 'salesforce', receivedAt: deps.now(), notices }, 'sf', notices.map((n) => n.notificationId));
  deps.metrics.webhookEvents.inc({ source: 'salesforce', outcome: 'enqueued' }, notices.length);
}

/** One job per request, its id derived from the events, so a redelivered request is not queued twice. */
async function enqueue(deps: WebhookDeps, job: InboundJob, prefix: string, ids: readonly string[]): Promise<void> {
  const jobId = `${prefix}-${createHash('sha256').update([...ids].sort().join(',')).digest('hex').slice(0, 40)}`;
  try {
    await deps.enqueue(job, jobId);
  } catch (error) {
    throw new LeadpactError('QUEUE_UNAVAILABLE', 'The webhook could not be queued; the sender will redeliver it.', { cause: error });
  }
}

function reject(deps: WebhookDeps, source: 'hubspot' | 'salesforce', error: InputError): never {
  deps.metrics.webhookEvents.inc({ source, outcome: 'rejected' });
  throw error;
}

