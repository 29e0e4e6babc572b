import { Router, type Request } from 'express';
import { hubSpotWebhookBodySchema, type HubSpotWebhookEvent } from '../../connectors/hubspot/webhook-events.schema';
import { verifyHubSpotSignature } from '../../connectors/hubspot/webhook-signature';
import { outboundAck } from '../../connectors/salesforce/outbound-message';
import { MAX_OUTBOUND_BYTES } from '../../connectors/salesforce/outbound-screen';
import { InputError, LeadpactError } from '../shared/errors';
import { rawBody } from './raw-body';
import { acceptSalesforce } from './salesforce-webhook';
import { noticesOf } from './hubspot-notices';
import { bodyOf, reject, store, type WebhookDeps } from './webhook-support';

export type { Enqueue, WebhookDeps } from './webhook-support';

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
  const { notices, problem } = noticesOf(events, deps.hubspotAppId);
  if (problem !== undefined)
    reject(
      deps,
      'hubspot',
      new InputError('PAYLOAD_INVALID', `The webhook carries a value leadpact does not accept ${problem}`),
    );
  deps.metrics.webhookEvents.inc({ source: 'hubspot', outcome: 'ignored' }, events.length - notices.length);
  // The replay check and the enqueue go to Redis together, in one write on the ingress connection
  // (it pipelines an event-loop turn's commands): a replay carries the same events, so its enqueue
  // is a no-op on the same job id, and the request waits for one round trip, not two.
  const [claimed, queued] = await Promise.allSettled([
    claimOnce(deps, signature),
    notices.length > 0
      ? store(
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
