import { isFollowedObject } from '../inbound/salesforce-changes';
import type { ReconcileWindow } from '../inbound/salesforce-cdc.schema';
import { repositories, type Queryable } from '../../store';

/**
 * Has reconciliation cover one object from an instant on: its cursor is moved back there (never
 * forward), then a reconciliation run is asked for. Reconciliation reads with queryAll, so it also
 * sees what a change event could not say: a merge, a delete, the records of an overflow.
 */
export async function openReconcileWindow(
  db: Queryable,
  window: ReconcileWindow,
  requestReconcile: () => Promise<void>,
): Promise<void> {
  if (!isFollowedObject(window.object)) return;
  const cursors = repositories(db).cursors;
  const name = `salesforce:${window.object}`;
  const stored = (await cursors.get(name)) as { since?: unknown } | null;
  // SystemModstamp has whole seconds: a second's margin keeps the commit's own second in the window.
  const since = window.since - 1_000;
  const current = typeof stored?.since === 'string' ? Date.parse(stored.since) : Number.NaN;
  if (Number.isNaN(current) || current > since)
    await cursors.set(name, { since: new Date(since).toISOString(), afterId: null });
  await requestReconcile();
}
