import { isOwnChange, type HubSpotWebhookEvent } from '../../connectors/hubspot/webhook-events.schema';
import {
  HUBSPOT_CHANGE_SOURCE,
  HUBSPOT_PROPERTY_NAME,
  MAX_MERGED_IDS,
  MAX_NOTICE_EVENT_ID,
  MAX_NOTICE_SOURCE_ID,
  MAX_NOTICE_VALUE,
  type HubSpotNotice,
} from '../app/inbound/inbound.schema';
import { isHubSpotContactId } from '../shared/ids';

/**
 * The events the pipeline acts on, as notices; our own writes echoing back and unknown types are
 * left out. The events were validated against HubSpot's format once (webhook-events.schema); what
 * the worker's notice schema asks beyond it is checked here, field by field, instead of validating
 * the whole job a second time: `problem` names the first notice the worker would refuse.
 */
export function noticesOf(
  events: readonly HubSpotWebhookEvent[],
  appId: string | undefined,
): { readonly notices: HubSpotNotice[]; readonly problem?: string } {
  const notices: HubSpotNotice[] = [];
  for (const [index, event] of events.entries()) {
    const notice = noticeOf(event, appId);
    if (notice === undefined) continue;
    const problem = noticeProblem(notice);
    if (problem !== undefined) return { notices, problem: `at event ${index} ${problem}` };
    notices.push(notice);
  }
  return { notices };
}

/** What the worker's hubspotNoticeSchema would refuse in a notice built by noticeOf, if anything. */
function noticeProblem(notice: HubSpotNotice): string | undefined {
  if (notice.eventId.length > MAX_NOTICE_EVENT_ID) return `(eventId): longer than ${MAX_NOTICE_EVENT_ID} characters`;
  if (notice.propertyName !== undefined && !HUBSPOT_PROPERTY_NAME.test(notice.propertyName))
    return '(propertyName): expected a HubSpot property name';
  if (notice.changeSource !== undefined && !HUBSPOT_CHANGE_SOURCE.test(notice.changeSource))
    return '(changeSource): expected a HubSpot change source';
  if (notice.sourceId !== undefined && notice.sourceId.length > MAX_NOTICE_SOURCE_ID)
    return `(sourceId): longer than ${MAX_NOTICE_SOURCE_ID} characters`;
  if (notice.mergedObjectIds !== undefined && notice.mergedObjectIds.length > MAX_MERGED_IDS)
    return `(mergedObjectIds): more than ${MAX_MERGED_IDS} ids`;
  return undefined;
}

function noticeOf(event: HubSpotWebhookEvent, appId: string | undefined): HubSpotNotice | undefined {
  if (
    !event.known ||
    (appId !== undefined && event.subscriptionType === 'contact.propertyChange' && isOwnChange(event, appId))
  )
    return undefined;
  const common = {
    eventId: String(event.eventId),
    occurredAt: event.occurredAt,
    ...(event.changeSource === undefined ? {} : { changeSource: event.changeSource }),
    ...(event.sourceId === undefined ? {} : { sourceId: event.sourceId }),
  };
  switch (event.subscriptionType) {
    case 'contact.creation':
      return { ...common, kind: 'creation', objectId: event.objectId };
    case 'contact.deletion':
      return { ...common, kind: 'deletion', objectId: event.objectId };
    case 'contact.privacyDeletion':
      return { ...common, kind: 'privacyDeletion', objectId: event.objectId };
    case 'contact.restore':
      return { ...common, kind: 'restore', objectId: event.objectId };
    case 'contact.propertyChange': {
      // The value only serves to recognise our own writes coming back; one longer than any we write
      // is left out, and the worker reads the contact as for any other change.
      const value = event.propertyValue.length <= MAX_NOTICE_VALUE ? { propertyValue: event.propertyValue } : {};
      return {
        ...common,
        kind: 'propertyChange',
        objectId: event.objectId,
        propertyName: event.propertyName,
        ...value,
      };
    }
    case 'contact.merge':
      return {
        ...common,
        kind: 'merge',
        objectId: event.objectId,
        primaryObjectId: event.primaryObjectId,
        mergedObjectIds: event.mergedObjectIds,
        newObjectId: event.newObjectId,
      };
    case 'contact.associationChange':
      return isHubSpotContactId(event.fromObjectId)
        ? { ...common, kind: 'associationChange', objectId: event.fromObjectId }
        : undefined;
  }
}
