import type { StoredAuditEntry } from '../../store';
import { LEAD_COLUMNS, type LeadRecord } from '../../store/lead-record';

const INSTANTS = new Set(LEAD_COLUMNS.filter(([, , kind]) => kind === 'instant').map(([prop]) => prop));

function iso(instant: number | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}

/** A ledger row as the admin API shows it: every column, instants in ISO 8601, the engine state apart. */
export function leadSummary(record: LeadRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [prop] of LEAD_COLUMNS) {
    if (prop === 'state') continue;
    const value = record[prop];
    out[prop] = INSTANTS.has(prop) && typeof value === 'number' ? iso(value) : value;
  }
  return out;
}

/** One step of the lead's "why": what happened, from which stage to which, and its cause. */
export function timelineEntry(entry: StoredAuditEntry): Record<string, unknown> {
  return {
    id: entry.id,
    at: iso(entry.at),
    kind: entry.kind,
    from: entry.fromStage,
    to: entry.toStage,
    cause: entry.cause,
    detail: entry.detail,
    protocolVersion: entry.protocolVersion,
  };
}
