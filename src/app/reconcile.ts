import { z } from 'zod';
import type { SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { FOLLOWED_SALESFORCE_OBJECTS, type SalesforceRecord } from '../shared/field-specs';
import type { ChangeCursor, ChangePage } from '../shared/crm-port';
import { repositories } from '../store';
import { followDeletions } from './reconcile-deletions';
import type { LowPriorityGate } from '../queue/budget';
import { routeContact } from './inbound/hubspot-changes';
import { applyRouted, changedAt, type InboundDeps } from './inbound/inbound.job';
import { routeSalesforceChange, withConversions, type SalesforceChange } from './inbound/salesforce-changes';
import { salesforceReadFields } from './inbound/salesforce-fields';
import type { Routed } from './apply-events/apply-events';

export interface ReconcileDeps extends InboundDeps {
  readonly salesforce: SalesforcePort;
  /** Where the very first reconciliation starts reading (history is `leadpact backfill`'s job). */
  readonly startAt: () => number;
  /** Reconciliation is the lowest-priority work: it asks each CRM's gate before every page. */
  readonly gates?: { readonly hubspot?: LowPriorityGate; readonly salesforce?: LowPriorityGate };
  readonly pageSize?: number;
  readonly maxPages?: number;
}

const cursorSchema = z.object({ since: z.string(), afterId: z.string().nullable() });

export { salesforceReadFields };

/**
 * Reads what changed in both CRMs since the stored cursors and feeds it through the same path as
 * webhooks, so a webhook that never came is caught. A cursor moves only after its page is applied.
 * Salesforce changes come from a SOQL window over queryAll (deleted and merged rows included); the
 * Lead and Contact deletions also from Get Deleted, which reports them even when the window is
 * still behind a backlog of changes or the record has left the Recycle Bin.
 */
export async function reconcile(deps: ReconcileDeps): Promise<{ hubspot: number; salesforce: number }> {
  const hubspot = await follow(deps, 'hubspot:contacts', deps.gates?.hubspot, async (cursor) => {
    const page = await deps.hubspot.readChanges(cursor, deps.properties, deps.pageSize ?? 100);
    return { page, routed: page.records.map((contact) => routeContact(contact, 'RECONCILIATION')) };
  });
  let salesforce = 0;
  const fields = salesforceReadFields(deps.apply.protocol);
  const hubspotIdField = deps.apply.protocol.writeBack.salesforce.hubspotContactId;
  for (const object of FOLLOWED_SALESFORCE_OBJECTS) {
    salesforce += await follow(deps, `salesforce:${object}`, deps.gates?.salesforce, async (cursor) => {
      const page = await deps.salesforce.readChanges(object, cursor, fields[object], deps.pageSize ?? 200);
      const changes = await withConversions(deps.apply.db, deps.salesforce, page.records.map(changeOf));
      const routed = changes.flatMap(
        (change) => routeSalesforceChange(change, hubspotIdField, deps.salesforce.integrationUser()) ?? [],
      );
      return { page, routed };
    });
  }
  for (const object of DELETION_OBJECTS)
    await followDeletions(deps, object, fields[object], (record) =>
      routeSalesforceChange(changeOf(record), hubspotIdField, deps.salesforce.integrationUser()),
    );
  return { hubspot, salesforce };
}

/**
 * The objects whose deletion the protocol acts on (a deleted or merged Lead or Contact); deleted
 * Opportunities, Tasks and Events mean nothing to a lead, so Get Deleted is not asked about them.
 */
const DELETION_OBJECTS = ['Lead', 'Contact'] as const;

/** A record read from Salesforce as a change: its SystemModstamp makes the delivery's id. */
function changeOf(record: SalesforceRecord): SalesforceChange {
  const stamp = typeof record.fields.SystemModstamp === 'string' ? record.fields.SystemModstamp : '';
  return {
    object: record.object,
    id: record.id,
    fields: record.fields,
    changeId: `${record.id}:${stamp}`,
    at: changedAt(record.fields, Date.now()),
  };
}

async function follow(
  deps: ReconcileDeps,
  name: string,
  gate: LowPriorityGate | undefined,
  read: (cursor: ChangeCursor) => Promise<{ page: ChangePage<unknown>; routed: Routed[] }>,
): Promise<number> {
  const cursors = repositories(deps.apply.db).cursors;
  const stored = cursorSchema.safeParse(await cursors.get(name));
  let cursor: ChangeCursor = stored.success
    ? stored.data
    : { since: new Date(deps.startAt()).toISOString(), afterId: null };
  let records = 0;
  for (let pages = 0; pages < (deps.maxPages ?? 50); pages++) {
    if (gate !== undefined && (await gate()) === 'skip') break;
    const { page, routed } = await read(cursor);
    await applyRouted(deps, routed);
    await cursors.set(name, page.next);
    cursor = page.next;
    records += page.records.length;
    if (!page.more) break;
  }
  return records;
}
