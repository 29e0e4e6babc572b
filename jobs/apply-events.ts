import { decide, leadSchema, type AuditEffect, type Effect, type Lead, type LeadEvent, type Protocol } from '../src/protocol';
import type { Clock } from '../src/shared/clock';
import { LeadpactError } from '../src/shared/errors';
import type { HubSpotContactId, LeadId, SalesforceId } from '../src/shared/ids';
import type { Logger } from '../src/shared/logger';
import { repositories, type AuditEntry, type Db, type LeadRecord, type OutboxInput, type Queryable } from '../src/store';
import { projectLead } from './lead-projection';
import type { TimerScheduler } from './timer-scheduler';

/** How the lead an event is about is found in the ledger. */
export type LeadKey =
  | { readonly kind: 'lead'; readonly id: LeadId }
  | { readonly kind: 'hubspot'; readonly id: HubSpotContactId }
  | { readonly kind: 'salesforce'; readonly id: SalesforceId }
  | { readonly kind: 'opportunity'; readonly id: SalesforceId };

export interface ApplyDeps {
  readonly db: Db;
  readonly protocol: Protocol;
  readonly clock: Clock;
  readonly timers: TimerScheduler;
  readonly logger: Logger;
  /** Counts the engine's metric effects (Prometheus). */
  readonly onMetric?: (name: string, labels: Readonly<Record<string, string>>, value: number) => void;
}

export interface Applied {
  readonly lead: Lead | null;
  readonly effects: readonly Effect[];
}

const MAX_ATTEMPTS = 8;

/**
 * Applies events to one lead: load, decide, then save the lead, its audit trail and its CRM writes
 * in one transaction. Another writer saving the same lead first makes this one decide again from
 * the saved state (optimistic concurrency), so no decision is ever based on a stale lead.
 * `build` sees the current lead (or null) because some events depend on it (created vs changed);
 * the first key that finds a lead decides which lead it is.
 */
export async function applyToLead(
  deps: ApplyDeps,
  keys: LeadKey | readonly LeadKey[],
  build: (current: Lead | null) => readonly LeadEvent[],
): Promise<Applied> {
  const candidates: readonly LeadKey[] = Array.isArray(keys) ? keys : [keys as LeadKey];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const record = await findFirst(repositories(deps.db), candidates);
    const current = record === null ? null : parseLead(record);
    const events = build(current);
    if (events.length === 0) return { lead: current, effects: [] };
    const { lead, effects } = decideAll(deps, current, events);
    if (lead === null || (current !== null && lead.revision === current.revision && effects.length === 0)) return { lead, effects };
    const saved = await deps.db.transaction((tx) => persist(tx, deps.protocol, record, lead, effects));
    if (!saved) continue;
    await afterCommit(deps, effects);
    return { lead, effects };
  }
  throw new LeadpactError('INTERNAL', `lead ${candidates.map(describeKey).join(' / ')} kept changing under ${MAX_ATTEMPTS} attempts to save it`);
}

function decideAll(deps: ApplyDeps, start: Lead | null, events: readonly LeadEvent[]): Applied {
  let lead = start;
  const effects: Effect[] = [];
  for (const event of events) {
    const decision = decide(lead, event, deps.protocol, deps.clock.now());
    lead = decision.lead;
    effects.push(...decision.effects);
  }
  return { lead, effects };
}

function parseLead(record: LeadRecord): Lead {
  const parsed = leadSchema.safeParse(record.state);
  if (!parsed.success) {
    throw new LeadpactError('INTERNAL', `lead ${record.id} in the ledger does not match the lead schema`, { context: { issues: parsed.error.issues.length } });
  }
  return parsed.data;
}

async function findFirst(repos: ReturnType<typeof repositories>, keys: readonly LeadKey[]): Promise<LeadRecord | null> {
  for (const key of keys) {
    const record = await findRecord(repos, key);
    if (record !== null) return record;
  }
  return null;
}

async function findRecord(repos: ReturnType<typeof repositories>, key: LeadKey): Promise<LeadRecord | null> {
  switch (key.kind) {
    case 'lead':
      return repos.leads.findById(key.id);
    case 'hubspot':
      return repos.leads.findByHubSpotId(key.id);
    case 'salesforce':
      return repos.leads.findBySalesforceId(key.id);
    case 'opportunity':
      return repos.leads.findByOpportunityId(key.id);
  }
}

/** Saves the lead and what it caused; false when another writer got there first. */
async function persist(tx: Queryable, protocol: Protocol, record: LeadRecord | null, lead: Lead, effects: readonly Effect[]): Promise<boolean> {
  const repos = repositories(tx);
  const row = projectLead(lead, protocol, record?.version ?? 1, record);
  const saved = record === null ? await repos.leads.insert(row) : await repos.leads.update(row);
  if (!saved.ok) return false;
  await repos.audit.append(effects.filter((e): e is AuditEffect => e.type === 'audit').map((e, i) => auditEntry(e, lead, i)));
  await repos.outbox.enqueue(outboxRows(effects));
  for (const effect of effects) {
    if (effect.type === 'identity.changed' && effect.previous !== null && effect.previous !== effect.current) {
      await repos.leads.addAlias(effect.crm, effect.previous, effect.leadId);
    }
  }
  return true;
}

function auditEntry(effect: AuditEffect, lead: Lead, index: number): AuditEntry {
  return {
    leadId: effect.leadId,
    at: effect.at,
    kind: effect.kind,
    fromStage: effect.from ?? null,
    toStage: effect.to ?? lead.stage,
    cause: { ...effect.cause },
    detail: { text: effect.detail },
    protocolVersion: lead.protocolVersion,
    dedupeKey: `${effect.leadId}:${effect.cause.eventId}:${index}`,
  };
}

/** CRM writes, most urgent first: hand-offs and SLA work (0) before updates (1). */
export function outboxRows(effects: readonly Effect[]): OutboxInput[] {
  return effects.flatMap((effect) => {
    const row = (crm: OutboxInput['crm'], kind: string, priority: OutboxInput['priority'], dedupeKey: string | null): OutboxInput[] => [
      { leadId: (effect as { leadId: LeadId }).leadId, crm, kind, priority, dedupeKey, payload: effect },
    ];
    switch (effect.type) {
      case 'salesforce.handoff':
        return row('salesforce', 'handoff', 0, effect.handoffKey);
      case 'salesforce.task':
        return row('salesforce', 'task', 0, effect.taskKey);
      case 'salesforce.reassign':
        return row('salesforce', 'reassign', 0, effect.reassignKey);
      case 'salesforce.update':
        return row('salesforce', 'update', 1, null);
      case 'hubspot.update':
        return row('hubspot', 'update', 1, null);
      case 'timer.schedule':
      case 'timer.cancel':
      case 'identity.changed':
      case 'metric':
      case 'audit':
        return [];
    }
  });
}

async function afterCommit(deps: ApplyDeps, effects: readonly Effect[]): Promise<void> {
  await deps.timers.schedule(effects.filter((e) => e.type === 'timer.schedule'));
  await deps.timers.cancel(effects.filter((e) => e.type === 'timer.cancel'));
  for (const effect of effects) if (effect.type === 'metric') deps.onMetric?.(effect.name, effect.labels, effect.value);
}

function describeKey(key: LeadKey): string {
  return `${key.kind}:${key.id}`;
}
