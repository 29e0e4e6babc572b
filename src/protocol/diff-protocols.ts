import type { LeadId } from '../shared/ids';
import { addBusinessMinutes } from './business-hours';
import { contactProperties } from './field-sync';
import type { Lead } from './lead';
import { qualify } from './qualification';
import type { Protocol } from './schema/protocol.schema';

export type AcceptOutcome = 'met' | 'breached' | 'open';

export interface QualificationChange {
  readonly leadId: LeadId;
  readonly before: boolean;
  readonly after: boolean;
}

export interface SlaChange {
  readonly leadId: LeadId;
  readonly before: AcceptOutcome;
  readonly after: AcceptOutcome;
}

/** What replaying stored leads under a new protocol would change (`leadpact check --dry-run`). */
export interface ProtocolDiff {
  readonly leads: number;
  readonly qualifiedBefore: number;
  readonly qualifiedAfter: number;
  readonly qualification: readonly QualificationChange[];
  /** Handed-off leads whose acceptance would have been judged differently (window, calendar, holidays). */
  readonly sla: readonly SlaChange[];
}

function qualified(lead: Lead, protocol: Protocol, now: number): boolean {
  return lead.retired === null && qualify(contactProperties(lead), lead.touches, protocol.qualification, now).qualified;
}

function calendarFor(protocol: Protocol, territory: string | null): string {
  return (
    protocol.routing.territories.find((candidate) => candidate.name === territory)?.calendar ??
    protocol.routing.fallback.calendar
  );
}

/** The acceptance outcome of a handed-off lead under a protocol: answered (accepted, rejected or converted) by the due time, after it, or not yet. */
function acceptOutcome(lead: Lead, protocol: Protocol, now: number): AcceptOutcome | null {
  if (lead.handedOffAt === null) return null;
  const calendar = protocol.calendars[calendarFor(protocol, lead.territory)];
  if (calendar === undefined) return null;
  const override = protocol.routing.territories.find((candidate) => candidate.name === lead.territory)?.sla
    ?.acceptBusinessHours;
  const due = addBusinessMinutes(lead.handedOffAt, (override ?? protocol.sla.accept.businessHours) * 60, calendar);
  const answered = lead.acceptedAt ?? lead.rejectedAt ?? lead.convertedAt;
  if (answered !== null) return answered <= due ? 'met' : 'breached';
  return now > due ? 'breached' : 'open';
}

/**
 * Replays stored leads under the old and the new protocol: who would qualify that did not (and
 * the reverse), and which acceptance SLA outcomes would differ. Pure: the leads come in, the
 * clock too.
 */
export function diffProtocols(before: Protocol, after: Protocol, leads: readonly Lead[], now: number): ProtocolDiff {
  const qualification: QualificationChange[] = [];
  const sla: SlaChange[] = [];
  let qualifiedBefore = 0;
  let qualifiedAfter = 0;
  for (const lead of leads) {
    const [was, is] = [qualified(lead, before, now), qualified(lead, after, now)];
    qualifiedBefore += was ? 1 : 0;
    qualifiedAfter += is ? 1 : 0;
    if (was !== is) qualification.push({ leadId: lead.id, before: was, after: is });
    const [outcomeBefore, outcomeAfter] = [acceptOutcome(lead, before, now), acceptOutcome(lead, after, now)];
    if (outcomeBefore !== null && outcomeAfter !== null && outcomeBefore !== outcomeAfter)
      sla.push({ leadId: lead.id, before: outcomeBefore, after: outcomeAfter });
  }
  return { leads: leads.length, qualifiedBefore, qualifiedAfter, qualification, sla };
}

/** The dry-run report, in words. */
export function describeProtocolDiff(
  diff: ProtocolDiff,
  versions: { readonly before: string; readonly after: string },
): string {
  const delta = diff.qualifiedAfter - diff.qualifiedBefore;
  const gained = diff.qualification.filter((change) => change.after).length;
  const lost = diff.qualification.length - gained;
  const lines = [
    `Replaying ${diff.leads} leads: protocol ${versions.before} -> ${versions.after}`,
    `  qualified now: ${diff.qualifiedBefore} -> ${diff.qualifiedAfter} (${delta >= 0 ? '+' : ''}${delta}; ${gained} would qualify, ${lost} would not any more)`,
    `  acceptance SLA outcomes that differ: ${diff.sla.length}`,
    ...diff.sla.slice(0, 20).map((change) => `    ${change.leadId}: ${change.before} -> ${change.after}`),
  ];
  if (diff.sla.length > 20) lines.push(`    ... and ${diff.sla.length - 20} more`);
  return lines.join('\n');
}
