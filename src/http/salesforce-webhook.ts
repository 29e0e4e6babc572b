import type { Request } from 'express';
import { parseOutboundMessage } from '../../connectors/salesforce/outbound-message';
import { salesforceSessionIdSchema } from '../app/inbound/inbound.schema';
import { changedAt, idFitsObject, isFollowedObject } from '../app/inbound/salesforce-changes';
import { FUTURE_SKEW_MS } from '../app/inbound/salesforce-read-back';
import { InputError } from '../shared/errors';
import { bodyOf, enqueue, orQueueUnavailable, reject, type WebhookDeps } from './webhook-support';

/**
 * An outbound message is a notification, never the truth (anyone who knows the org id can post
 * one): only which records it names is queued, and the worker reads them back from Salesforce.
 */
export async function acceptSalesforce(deps: WebhookDeps, req: Request): Promise<void> {
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
  return orQueueUnavailable(() => deps.sessions.keep(sessionId));
}

function refuseSalesforce(deps: WebhookDeps, error: InputError): never {
  deps.metrics.webhookRefusals.inc({ source: 'salesforce', code: error.code });
  return reject(deps, 'salesforce', error);
}
