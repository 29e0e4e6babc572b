import type { Lead, Protocol } from '../../protocol';
import { slaLabel } from '../../protocol/write-back-fields';
import type { LeadRecord } from '../../store';

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const result =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  return result === null || result.trim() === '' ? null : result;
}

/** The ledger row for a lead: the queryable columns, and the lead itself as JSON. */
export function projectLead(lead: Lead, protocol: Protocol, version: number, previous: LeadRecord | null): LeadRecord {
  const nextTimer = lead.timers.reduce<number | null>(
    (min, timer) => (min === null || timer.fireAt < min ? timer.fireAt : min),
    null,
  );
  return {
    id: lead.id,
    hubspotContactId: lead.hubspotContactId,
    salesforceId: lead.salesforce?.id ?? null,
    salesforceObject: lead.salesforce?.object ?? null,
    email: text(lead.crm.hubspot[protocol.handoff.emailProperty])?.toLowerCase() ?? null,
    stage: lead.stage,
    protocolVersion: lead.protocolVersion,
    fitScore: lead.qualification === null ? null : Math.round(lead.qualification.fit.score),
    readinessScore: lead.qualification === null ? null : Math.round(lead.qualification.readiness.score),
    ownerId: lead.ownerId,
    territory: lead.territory,
    team: null,
    campaign: lead.campaign,
    source: lead.source,
    rejectionCode: lead.rejection?.code ?? null,
    rejectionValid: lead.rejection?.valid ?? null,
    slaStatus: slaLabel(lead.slaStatus),
    slaAcceptDueAt: lead.sla?.accept.dueAt ?? null,
    slaFirstTouchDueAt: lead.sla?.firstTouch.dueAt ?? null,
    timeToAcceptMin: lead.timeToAcceptMin === null ? null : Math.round(lead.timeToAcceptMin),
    timeToFirstTouchMin: lead.timeToFirstTouchMin === null ? null : Math.round(lead.timeToFirstTouchMin),
    createdAt: lead.createdAt,
    mqlAt: lead.mqlAt,
    handedOffAt: lead.handedOffAt,
    acceptedAt: lead.acceptedAt,
    rejectedAt: lead.rejectedAt,
    firstTouchAt: lead.firstTouchAt,
    // The engine keeps no 'working' instant of its own; the first one seen is kept.
    workingAt: previous?.workingAt ?? (lead.stage === 'working' ? lead.stageChangedAt : null),
    convertedAt: lead.convertedAt,
    closedAt: lead.closedAt,
    recycledAt: lead.recycledAt,
    disqualifiedAt: lead.disqualifiedAt,
    dormantAt: lead.dormantAt,
    lastActivityAt: lead.lastActivityAt,
    outcome: lead.outcome,
    amount: lead.amount,
    opportunityId: lead.opportunityId,
    recycleCount: lead.recycleCount,
    retired: lead.retired !== null,
    nextTimerAt: nextTimer,
    state: lead,
    version,
  };
}
