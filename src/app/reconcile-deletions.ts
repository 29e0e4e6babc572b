import { z } from 'zod';
import { deletionWindow } from '../../connectors/salesforce/change-window';
import type { DeletedRecords, SalesforcePort } from '../../connectors/salesforce/salesforce-port';
import { CrmError } from '../shared/errors';
import type { SalesforceRecord } from '../shared/field-specs';
import { lookupKey, repositories } from '../store';
import type { LowPriorityGate } from '../queue/budget';
import { applyRouted, type InboundDeps } from './inbound/inbound.job';
import type { Routed } from './apply-events/apply-events';

const sinceSchema = z.object({ since: z.string() });

export interface DeletionDeps extends InboundDeps {
  readonly salesforce: SalesforcePort;
  readonly startAt: () => number;
  readonly gates?: { readonly salesforce?: LowPriorityGate };
}

/**
 * Asks Get Deleted which Leads (or Contacts) were deleted or merged away since the stored cursor,
 * reads the ones the ledger knows through queryAll (MasterRecordId tells a merge from a delete) and
 * feeds them through the same path as a deletion notification. A record already gone from the
 * Recycle Bin is read as deleted at its deletedDate. The cursor then moves to latestDateCovered.
 * Returns how many known records were deleted.
 *
 * One call a run per object, none within the minute of the last (the API counts whole minutes),
 * and one queryAll per 200 known records. A delete the SOQL window has applied already carries the
 * same id (record id and SystemModstamp), so it is not applied twice.
 */
export async function followDeletions(
  deps: DeletionDeps,
  object: 'Lead' | 'Contact',
  fields: readonly string[],
  route: (record: SalesforceRecord) => Routed | null,
): Promise<number> {
  const cursors = repositories(deps.apply.db).cursors;
  const name = `salesforce:${object}:deleted`;
  const stored = sinceSchema.safeParse(await cursors.get(name));
  const now = deps.apply.clock.now();
  const window = deletionWindow(stored.success ? Date.parse(stored.data.since) : deps.startAt(), now);
  if (window === null) return 0;
  const gate = deps.gates?.salesforce;
  if (gate !== undefined && (await gate()) === 'skip') return 0;
  if (window.clipped)
    deps.logger.warn(
      { object, since: stored.success ? stored.data.since : null },
      `Salesforce keeps ${object} deletions for 15 days; reconciliation had not run since, so older deletions are read from the Recycle Bin by the change window only`,
    );
  let answer: DeletedRecords;
  try {
    answer = await deps.salesforce.getDeleted(object, window.start, window.end);
  } catch (error) {
    if (!(error instanceof CrmError) || error.vendorCode !== 'INVALID_REPLICATION_DATE') throw error;
    deps.logger.warn(
      { object, start: new Date(window.start).toISOString() },
      `Salesforce purged its ${object} delete log early; deletions before now are read from the Recycle Bin by the change window only`,
    );
    await cursors.set(name, { since: new Date(window.end).toISOString() });
    return 0;
  }
  const known = await repositories(deps.apply.db).leads.findMany(
    answer.records.map((record) => ({ kind: 'salesforce', id: record.id })),
  );
  const deleted = answer.records.filter((record) => known.has(lookupKey({ kind: 'salesforce', id: record.id })));
  if (deleted.length > 0) {
    const read = new Map(
      (
        await deps.salesforce.readIncludingDeleted(
          object,
          deleted.map((record) => record.id),
          fields,
        )
      ).map((record) => [record.id, record]),
    );
    const records = deleted.flatMap((gone): SalesforceRecord[] => {
      const record = read.get(gone.id);
      if (record === undefined) {
        const stamp = new Date(gone.deletedAt).toISOString();
        return [{ id: gone.id, object, fields: { Id: gone.id, IsDeleted: true, SystemModstamp: stamp } }];
      }
      // Restored from the Recycle Bin since: the change window reads it as the live record it is.
      return record.fields.IsDeleted === true ? [record] : [];
    });
    await applyRouted(
      deps,
      records.flatMap((record) => route(record) ?? []),
    );
  }
  await cursors.set(name, { since: new Date(answer.latestDateCovered).toISOString() });
  return deleted.length;
}
