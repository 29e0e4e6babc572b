import { z } from 'zod';
import { notFound } from './hubspot-errors';
import { findBy, parseBody } from './route-helpers';
import { sourceOf, type SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse } from './sim-http';

const bodySchema = z.object({ objectId: z.string(), idProperty: z.string().optional() });

/**
 * POST /crm/v3/objects/contacts/gdpr-delete, `{objectId, idProperty?}` (contacts reference, "GDPR
 * delete"): permanently deletes the contact, so not even `archived=true` finds it afterwards, and
 * answers 204. HubSpot announces it twice: the ordinary contact.deletion, and contact.privacyDeletion
 * to the apps subscribed to it (Webhooks API, "Event types"; developer changelog "Webhooks now support
 * privacy-compliant contact deletions": "The privacyDeletion event will also trigger the normal
 * contact.delete event, so you will receive two notifications if you are subscribed to both").
 */
function gdprDelete(ctx: SimContext, request: SimRequest): SimResponse {
  const body = parseBody(bodySchema, request.body);
  if (!body.ok) return body.error;
  const found = findBy(ctx, 'contacts', body.value.objectId, body.value.idProperty ?? null);
  if (!found.ok) return found.error;
  if (found.value === undefined) return notFound(`No contact ${body.value.objectId}`);
  const contact = found.value;
  const { id } = contact;
  const source = sourceOf(request.actor, ctx.credentials);
  ctx.writes.archive('contacts', id, { source });
  const occurredAt = contact.archivedAt ?? ctx.clock();
  ctx.writes.emit({ kind: 'privacyDeletion', objectType: 'contacts', objectId: id, occurredAt, source });
  ctx.associations.forget('contacts', id);
  ctx.store.purge(id);
  return json(204);
}

export function gdprRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/crm/v3/objects/contacts/gdpr-delete',
      kind: 'crm',
      handler: (request) => gdprDelete(ctx, request),
    },
  ];
}
