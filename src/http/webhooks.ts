import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import {
  hubSpotWebhookBodySchema,
  isOwnChange,
  type HubSpotWebhookEvent,
} from '../../connectors/hubspot/webhook-events.schema';
import { verifyHubSpotSignature } from '../../connectors/hubspot/webhook-signature';
import { outboundAck, parseOutboundMessage } from '../../connectors/salesforce/outbound-message';
import { MAX_OUTBOUND_BYTES } from '../../connectors/salesforce/outbound-screen';
import {
  inboundJobSchema,
  MAX_NOTICE_VALUE,
  salesforceSessionIdSchema,
  type HubSpotNotice,
  type InboundJob,
} from '../app/inbound/inbound.schema';
import type { SessionVault } from '../app/inbound/session-vault';
import { changedAt, idFitsObject, isFollowedObject } from '../app/inbound/salesforce-changes';
import type { Metrics } from '../observability/metrics';
import { InputError, LeadpactError } from '../shared/errors';
import { isHubSpotContactId } from '../shared/ids';
import { rawBody } from './raw-body';
import type { ReplayGuard } from './replay-guard';

/** Where accepted webhooks go: the inbound queue. Resolves once the job is stored in Redis. */
export type Enqueue = (job: InboundJob, jobId: string) => Promise<void>;

export interface WebhookDeps {
  readonly enqueue: Enqueue;
  /** The externally visible base URL HubSpot signs (PUBLIC_URL). */
  readonly publicUrl: string;
  readonly hubspotClientSecret: string;
  /** Our own app: its writes coming back are dropped here, and events of any other app refused. */
  readonly hubspotAppId: string | undefined;
  /**
   * Our HubSpot account (HUBSPOT_PORTAL_ID, or learned from the access token): asked on the first
   * HubSpot request and kept; asked again only if it failed.
   */
  readonly hubspotPortalId: () => Promise<string>;
  readonly salesforceOrgId: string;
  /** Where an outbound message's SessionId waits for the worker; the job carries only its reference. */
  readonly sessions: SessionVault;
  readonly metrics: Metrics;
  readonly now: () => number;
  /**
   * The host's wall clock, which a HubSpot signature's timestamp is checked against (default
   * Date.now). Never the lead clock: a signature's age is real time on the wire.
   */
  readonly wallNow?: () => number;
  /** Refuses a signed HubSpot request seen before; without it, copies are only deduplicated. */
  readonly replays?: ReplayGuard;
}

const HUBSPOT_LIMIT = 1024 * 1024;
const SALESFORCE_LIMIT = MAX_OUTBOUND_BYTES;

/** The webhook ingress: verify, parse, enqueue, answer. No CRM call happens inside a request. */
export function webhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const hubspot = { ...deps, hubspotPortalId: keptOnceKnown(deps.hubspotPortalId) };
  router.post('/webhooks/hubspot', rawBody(HUBSPOT_LIMIT), async (req, res) => {
    await acceptHubSpot(hubspot, req);
    // Any 2xx acknowledges (HubSpot's webhooks docs); no body to build or send.
    res.status(200).end();
  });
  router.post('/webhooks/salesforce', rawBody(SALESFORCE_LIMIT), async (req, res) => {
    await acceptSalesforce(deps, req);
    res.status(200).type('text/xml; charset=utf-8').send(outboundAck());
  });
  return router;
}

function bodyOf(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) throw new InputError('PAYLOAD_INVALID', 'The request has no body.');
  return req.body;
}

async function acceptHubSpot(deps: WebhookDeps, req: Request): Promise<number> {
  const body = bodyOf(req);
  const signature = req.get('x-hubspot-signature-v3') ?? '';
  const verified = verifyHubSpotSignature({
    rawBody: body,
    signature,
    timestamp: req.get('x-hubspot-request-timestamp'),
    method: req.method,
    url: `${deps.publicUrl}${req.originalUrl}`,
    clientSecret: deps.hubspotClientSecret,
    now: (deps.wallNow ?? Date.now)(),
  });
  if (!verified.ok) return reject(deps, 'hubspot', verified.error);
  const events = await fromOurAccount(deps, hubSpotEvents(deps, body));
  const notices = events.flatMap((event) => noticeOf(event, deps.hubspotAppId));
  deps.metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'ignored' }, events.length - notices.length);
  // The replay check and the enqueue go to Redis together: a replay carries the same events, so
  // its enqueue is a no-op on the same job id, and the request waits for one round trip, not two.
  const [claimed, queued] = await Promise.allSettled([
    claimOnce(deps, signature),
    notices.length > 0
      ? enqueue(
          deps,
          { source: 'hubspot', receivedAt: deps.now(), notices },
          'hs',
          notices.map((n) => n.eventId),
        )
      : Promise.resolve(),
  ]);
  if (queued.status === 'rejected') {
    if (claimed.status === 'fulfilled') await deps.replays?.release(signature).catch(() => undefined);
    throw queued.reason;
  }
  if (claimed.status === 'rejected') throw claimed.reason;
  deps.metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'enqueued' }, notices.length);
  return notices.length;
}

/** The events of a request; one that carries none leadpact handles is refused, so a wrong subscription shows. */
function hubSpotEvents(deps: WebhookDeps, body: Buffer): HubSpotWebhookEvent[] {
  const parsed = hubSpotWebhookBodySchema.safeParse(parseJson(deps, body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject(
      deps,
      'hubspot',
      new InputError(
        'PAYLOAD_INVALID',
        `The webhook body does not match HubSpot's event format at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      ),
    );
  }
  if (parsed.data.length === 0)
    return reject(deps, 'hubspot', new InputError('PAYLOAD_INVALID', 'The webhook body holds no event.'));
  if (parsed.data.every((event) => !event.known)) {
    const types = [...new Set(parsed.data.map((event) => event.subscriptionType.slice(0, 60)))].slice(0, 5).join(', ');
    return reject(
      deps,
      'hubspot',
      new InputError(
        'PAYLOAD_INVALID',
        `No event of a type leadpact handles (got ${types}); subscribe the app to contact events only.`,
      ),
    );
  }
  return parsed.data;
}

function parseJson(deps: WebhookDeps, body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return reject(deps, 'hubspot', new InputError('PAYLOAD_MALFORMED', 'The body is not valid JSON.'));
  }
}

/** Resolves once, then answers from memory; a failed attempt is forgotten so the next request asks again. */
function keptOnceKnown(resolve: () => Promise<string>): () => Promise<string> {
  let known: Promise<string> | undefined;
  return () => {
    known ??= resolve().catch((error: unknown) => {
      known = undefined;
      throw error;
    });
    return known;
  };
}

/**
 * Only our account's and our app's events go on. An app's client secret signs the events of every
 * account that installs it, so a good signature does not say whose contacts an event is about; each
 * event names its account (portalId) and app. One request may carry several accounts' events, and
 * HubSpot redelivers on 5xx and timeouts but never after 400/401/403/404/405 (wire-apis.md, Webhooks):
 * a request holding only foreign events is refused with 403, never to come back; one that also holds
 * ours is acknowledged for ours alone, since refusing it would lose ours for good.
 */
async function fromOurAccount(deps: WebhookDeps, events: HubSpotWebhookEvent[]): Promise<HubSpotWebhookEvent[]> {
  const portalId = await deps.hubspotPortalId();
  const ours = events.filter(
    (event) =>
      String(event.portalId) === portalId &&
      (deps.hubspotAppId === undefined || String(event.appId) === deps.hubspotAppId),
  );
  if (ours.length === events.length) return events;
  deps.metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'foreign' }, events.length - ours.length);
  if (ours.length > 0) return ours;
  return reject(
    deps,
    'hubspot',
    new InputError(
      'WEBHOOK_PORTAL_MISMATCH',
      'The webhook events come from a HubSpot account or app other than ours (HUBSPOT_PORTAL_ID, HUBSPOT_APP_ID).',
    ),
  );
}

/** A signed request is accepted once; a copy of it within the signature window is a replay. */
async function claimOnce(deps: WebhookDeps, signature: string): Promise<void> {
  if (deps.replays === undefined) return;
  let first: boolean;
  try {
    first = await deps.replays.claim(signature);
  } catch (error) {
    throw new LeadpactError(
      'QUEUE_UNAVAILABLE',
      'The webhook could not be checked for replays; the sender will redeliver it.',
      { cause: error },
    );
  }
  if (!first) reject(deps, 'hubspot', new InputError('WEBHOOK_REPLAYED', 'This signed request was already accepted.'));
}

/** The events the pipeline acts on; our own writes echoing back and unknown types are left out. */
function noticeOf(event: HubSpotWebhookEvent, appId: string | undefined): HubSpotNotice[] {
  if (
    !event.known ||
    (appId !== undefined && event.subscriptionType === 'contact.propertyChange' && isOwnChange(event, appId))
  )
    return [];
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
    case 'contact.propertyChange': {
      // The value only serves to recognise our own writes coming back; one longer than any we write
      // is left out, and the worker reads the contact as for any other change.
      const value = event.propertyValue.length <= MAX_NOTICE_VALUE ? { propertyValue: event.propertyValue } : {};
      return [
        { ...common, kind: 'propertyChange', objectId: event.objectId, propertyName: event.propertyName, ...value },
      ];
    }
    case 'contact.merge':
      return [
        {
          ...common,
          kind: 'merge',
          objectId: event.objectId,
          primaryObjectId: event.primaryObjectId,
          mergedObjectIds: event.mergedObjectIds,
          newObjectId: event.newObjectId,
        },
      ];
    case 'contact.associationChange':
      return isHubSpotContactId(event.fromObjectId)
        ? [{ ...common, kind: 'associationChange', objectId: event.fromObjectId }]
        : [];
  }
}

/** A notification stamped later than this after now is refused: no honest clock is that far ahead. */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * An outbound message is a notification, never the truth (anyone who knows the org id can post
 * one): only which records it names is queued, and the worker reads them back from Salesforce.
 */
async function acceptSalesforce(deps: WebhookDeps, req: Request): Promise<void> {
  const parsed = await parseOutboundMessage(bodyOf(req), deps.salesforceOrgId);
  if (!parsed.ok) return refuseSalesforce(deps, parsed.error);
  const message = parsed.value;
  // Objects the pipeline does not follow are acknowledged and dropped: Salesforce redelivers
  // anything not acknowledged for 24 hours, so refusing them would only bring them back.
  const followed = message.notifications.filter((n) => isFollowedObject(n.object));
  const misnamed = followed.find((n) => !idFitsObject(n.object, n.recordId));
  if (misnamed !== undefined)
    return refuseSalesforce(
      deps,
      new InputError(
        'PAYLOAD_INVALID',
        `Not a Salesforce outbound message: ${misnamed.object} ids do not look like that`,
      ),
    );
  const latest = (deps.wallNow ?? Date.now)() + FUTURE_SKEW_MS;
  const notices = followed
    .filter((n) => !(changedAt(n.fields, 0) > latest))
    .map(({ notificationId, object, recordId }) => ({ notificationId, object, recordId }));
  if (notices.length < followed.length)
    deps.metrics.webhookRefusals.inc(
      { source: 'salesforce', code: 'WEBHOOK_TIMESTAMP_STALE' },
      followed.length - notices.length,
    );
  deps.metrics.webhookEvents.inc(
    { source: 'salesforce', outcome: 'ignored' },
    message.notifications.length - notices.length,
  );
  if (notices.length === 0) return;
  const sessionRef = message.sessionId === null ? undefined : await keepSession(deps, message.sessionId);
  // The ACK goes out only after this resolves: Salesforce redelivers anything we did not store.
  await enqueue(
    deps,
    {
      source: 'salesforce',
      receivedAt: deps.now(),
      notices,
      ...(sessionRef === undefined ? {} : { sessionRef }),
    },
    'sf',
    notices.map((n) => n.notificationId),
  );
  deps.metrics.webhookEvents.inc({ source: 'salesforce', outcome: 'enqueued' }, notices.length);
}

/**
 * A session id is a bearer secret: job data is shown on the queue board and kept with the job, so
 * the id goes to the session vault and the job carries its reference. Checking it is the worker's
 * business (no CRM call in a request).
 */
async function keepSession(deps: WebhookDeps, sessionId: string): Promise<string> {
  if (!salesforceSessionIdSchema.safeParse(sessionId).success)
    return reject(
      deps,
      'salesforce',
      new InputError(
        'PAYLOAD_INVALID',
        'The webhook carries a value leadpact does not accept at SessionId: expected a Salesforce session id',
      ),
    );
  try {
    return await deps.sessions.keep(sessionId);
  } catch (error) {
    throw new LeadpactError('QUEUE_UNAVAILABLE', 'The webhook could not be queued; the sender will redeliver it.', {
      cause: error,
    });
  }
}

function refuseSalesforce(deps: WebhookDeps, error: InputError): never {
  deps.metrics.webhookRefusals.inc({ source: 'salesforce', code: error.code });
  return reject(deps, 'salesforce', error);
}

/**
 * One job per request, its id derived from the events, so a redelivered request is not queued twice.
 * The job is checked against the schema the worker applies: a request the worker would refuse is
 * refused here, with its reason, instead of failing later with every other event it carried.
 */
async function enqueue(deps: WebhookDeps, job: InboundJob, prefix: string, ids: readonly string[]): Promise<void> {
  const checked = inboundJobSchema.safeParse(job);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return reject(
      deps,
      job.source,
      new InputError(
        'PAYLOAD_INVALID',
        `The webhook carries a value leadpact does not accept at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      ),
    );
  }
  const jobId = `${prefix}-${createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 40)}`;
  try {
    await deps.enqueue(job, jobId);
  } catch (error) {
    throw new LeadpactError('QUEUE_UNAVAILABLE', 'The webhook could not be queued; the sender will redeliver it.', {
      cause: error,
    });
  }
}

function reject(deps: WebhookDeps, source: 'hubspot' | 'salesforce', error: InputError): never {
  deps.metrics.webhookEvents.inc({ source, outcome: 'rejected' });
  throw error;
}
