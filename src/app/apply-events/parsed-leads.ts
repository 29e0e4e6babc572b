import { leadSchema, type Lead } from '../../protocol';
import { LeadpactError } from '../../shared/errors';
import type { LeadRecord, Queryable } from '../../store';

/** Leads remembered per ledger: an id and a version each, a few MB at most. */
const REMEMBERED = 50_000;

/**
 * The version of each lead this process last saved or validated. Every save of a lead raises its
 * version, so a lead loaded at the version remembered holds the state that was validated then (or
 * that the engine decided from a validated lead): it is used as loaded, not validated against the
 * lead schema again. A zod parse of every lead loaded was the worker's largest cost outside the
 * engine; a lead saved elsewhere meanwhile has another version and is validated as before.
 */
const ledgers = new WeakMap<Queryable, Map<string, number>>();

function versions(db: Queryable): Map<string, number> {
  let known = ledgers.get(db);
  if (known === undefined) {
    known = new Map();
    ledgers.set(db, known);
  }
  return known;
}

/** The lead a ledger row holds: as loaded at a version known valid, else validated by the lead schema. */
export function parseLead(db: Queryable, record: LeadRecord): Lead {
  if (versions(db).get(record.id) === record.version) return record.state as Lead;
  const parsed = leadSchema.safeParse(record.state);
  if (!parsed.success) {
    throw new LeadpactError('INTERNAL', `lead ${record.id} in the ledger does not match the lead schema`, {
      context: { issues: parsed.error.issues.length },
    });
  }
  remember(db, record.id, record.version);
  return parsed.data;
}

/** A lead known valid at `version`: saved by this process (the engine's output), or validated on load. */
export function remember(db: Queryable, id: string, version: number): void {
  const known = versions(db);
  known.delete(id);
  known.set(id, version);
  if (known.size > REMEMBERED) {
    const oldest = known.keys().next().value;
    if (oldest !== undefined) known.delete(oldest);
  }
}
