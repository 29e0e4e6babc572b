import { decide, type AuditEffect, type Effect, type Lead, type LeadEvent, type Protocol } from '../../protocol';
import type { Clock } from '../../shared/clock';
import { LeadpactError } from '../../shared/errors';
import type { HubSpotContactId, LeadId, SalesforceId } from '../../shared/ids';
import type { Logger } from '../../shared/logger';
import {
  lookupKey,
  repositories,
  type AlertInput,
  type AuditEntry,
  type Db,
  type LeadRecord,
  type OutboxInput,
} from '../../store';
import { saveDecisions, type DecisionToSave } from '../../store/decision-writer';
import { withChangeTimes, type EffectOrigins } from './change-origin';
import { projectLead } from './lead-projection';
import { parseLead, remember } from './parsed-leads';
import type { TimerScheduler } from '../../queue/timer-scheduler';

/** How the lead an event is about is found in the ledger. */
export type LeadKey =
  | { readonly kind: 'lead'; readonly id: LeadId }
  | { readonly kind: 'hubspot'; readonly id: HubSpotContactId }
  | { readonly kind: 'salesforce'; readonly id: SalesforceId }
  | { readonly kind: 'opportunity'; readonly id: SalesforceId };

/** Events for one lead: the first key that finds a lead decides which lead; `build` sees it (or null). */
export interface Routed {
  readonly keys: readonly LeadKey[];
  build(current: Lead | null): readonly LeadEvent[];
}

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

interface Group {
  readonly record: LeadRecord | null;
  readonly routes: Routed[];
}

/**
 * Applies events to many leads at once: every lead loaded in one query, decided in memory, and
 * every decision saved in one statement (lead, audit trail and CRM writes together). A lead that
 * another writer saved in the meantime is decided again on its own from the saved state, so no
 * decision rests on a stale lead.
 */
export async function applyMany(deps: ApplyDeps, routes: readonly Routed[]): Promise<void> {
  if (routes.length === 0) return;
  const records = await repositories(deps.db).leads.findMany(routes.flatMap((route) => route.keys));
  const groups = new Map<string, Group>();
  for (const route of routes) {
    const record = route.keys.map((key) => records.get(lookupKey(key))).find((found) => found !== undefined) ?? null;
    const id = record?.id ?? `new:${route.keys[0] === undefined ? '' : lookupKey(route.keys[0])}`;
    const group = groups.get(id) ?? { record, routes: [] };
    group.routes.push(route);
    groups.set(id, group);
  }
  const decided = [...groups.values()].flatMap((group) => {
    const decision = decideGroup(deps, group.record, group.routes);
    return decision === null ? [] : [{ group, decision }];
  });
  let saved: ReadonlySet<LeadId>;
  try {
    saved = await saveDecisions(
      deps.db,
      decided.map(({ decision }) => decision.toSave),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // One lead claims a CRM id another lead holds: the batch is saved lead by lead, so only that lead's events fail.
    return applyEach(deps, routes);
  }
  for (const { decision } of decided) if (saved.has(decision.toSave.record.id)) rememberSaved(deps, decision);
  // One round of timer scheduling for the whole batch: thousands of leads, one Redis transaction.
  await afterCommit(
    deps,
    decided.filter(({ decision }) => saved.has(decision.toSave.record.id)).flatMap(({ decision }) => decision.effects),
  );
  for (const { group, decision } of decided) {
    if (!saved.has(decision.toSave.record.id))
      for (const route of group.routes) await applyToLead(deps, route.keys, (current) => route.build(current));
  }
}

async function applyEach(deps: ApplyDeps, routes: readonly Routed[]): Promise<void> {
  const failures: Error[] = [];
  for (const route of routes) {
    try {
      await applyToLead(deps, route.keys, (current) => route.build(current));
    } catch (error) {
      failures.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  if (failures[0] !== undefined) throw failures[0];
}

// 23505 is PostgreSQL's unique_violation, the same code from pg and from PGlite.
function isUniqueViolation(error: unknown): error is { code: string; detail?: unknown } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Applies events to one lead, retrying from the saved state when another writer got there first.
 * `build` sees the current lead (or null): some events depend on it (created vs changed).
 */
export async function applyToLead(
  deps: ApplyDeps,
  keys: LeadKey | readonly LeadKey[],
  build: (current: Lead | null) => readonly LeadEvent[],
): Promise<Applied> {
  const candidates: readonly LeadKey[] = Array.isArray(keys) ? keys : [keys as LeadKey];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const records = await repositories(deps.db).leads.findMany(candidates);
    const record = candidates.map((key) => records.get(lookupKey(key))).find((found) => found !== undefined) ?? null;
    const decision = decideGroup(deps, record, [{ keys: candidates, build }]);
    if (decision === null) return { lead: record === null ? null : parseLead(deps.db, record), effects: [] };
    const saved = await saveDecisions(deps.db, [decision.toSave]).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      const detail = typeof error.detail === 'string' ? ` (${error.detail})` : '';
      throw new LeadpactError(
        'IDENTITY_CONFLICT',
        `lead ${decision.lead.id} would take a CRM record another lead is linked to${detail}`,
      );
    });
    if (!saved.has(decision.toSave.record.id)) continue;
    rememberSaved(deps, decision);
    await afterCommit(deps, decision.effects);
    return { lead: decision.lead, effects: decision.effects };
  }
  throw new LeadpactError(
    'INTERNAL',
    `lead ${candidates.map(lookupKey).join(' / ')} kept changing under ${MAX_ATTEMPTS} attempts to save it`,
  );
}

interface Decision {
  readonly lead: Lead;
  readonly effects: readonly Effect[];
  readonly toSave: DecisionToSave;
}

/** The lead as saved: at version 1 when new, else one past the version it was read at. */
function rememberSaved(deps: ApplyDeps, decision: Decision): void {
  const { record, isNew } = decision.toSave;
  remember(deps.db, record.id, isNew ? 1 : record.version + 1);
}

/** Decides a lead's events in order; null when nothing is worth saving. */
function decideGroup(deps: ApplyDeps, record: LeadRecord | null, routes: readonly Routed[]): Decision | null {
  const current = record === null ? null : parseLead(deps.db, record);
  let lead = current;
  const effects: Effect[] = [];
  const origins: EffectOrigins = new Map();
  for (const route of routes) {
    for (const event of route.build(lead)) {
      const decision = decide(lead, event, deps.protocol, deps.clock.now());
      lead = decision.lead;
      effects.push(...decision.effects);
      for (const effect of decision.effects) origins.set(effect, event);
    }
  }
  if (lead === null || (current !== null && effects.length === 0 && sameState(current, lead))) return null;
  return { lead, effects, toSave: toSave(deps.protocol, record, lead, effects, origins) };
}

/**
 * Whether a decision changed nothing but the engine's bookkeeping (its revision and the ids of
 * recent events). Such a decision — typically our own write echoing back — is not worth a save:
 * applied again, it would again change nothing.
 */
function sameState(before: Lead, after: Lead): boolean {
  if (after.revision === before.revision) return true;
  const strip = (lead: Lead) => JSON.stringify({ ...lead, revision: 0, recentEventIds: [] });
  return strip(before) === strip(after);
}

function toSave(
  protocol: Protocol,
  record: LeadRecord | null,
  lead: Lead,
  effects: readonly Effect[],
  origins: EffectOrigins,
): DecisionToSave {
  const aliases = effects.flatMap((e) =>
    e.type === 'identity.changed' && e.previous !== null && e.previous !== e.current
      ? [{ crm: e.crm, externalId: e.previous }]
      : [],
  );
  return {
    record: projectLead(lead, protocol, record?.version ?? 1, record),
    isNew: record === null,
    audit: effects.filter((e): e is AuditEffect => e.type === 'audit').map((e, i) => auditEntry(e, lead, i)),
    outbox: withChangeTimes(outboxRows(effects), origins),
    aliases,
    alerts: alertRows(effects),
  };
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
    const row = (
      crm: OutboxInput['crm'],
      kind: string,
      priority: OutboxInput['priority'],
      dedupeKey: string | null,
    ): OutboxInput[] => [
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
      case 'sla.alert':
      case 'timer.schedule':
      case 'timer.cancel':
      case 'identity.changed':
      case 'metric':
      case 'audit':
        return [];
    }
  });
}

/** One delivery per alert and channel (Slack, e-mail), sent by the alert relay (src/app/alerts). */
function alertRows(effects: readonly Effect[]): AlertInput[] {
  return effects.flatMap((effect) =>
    effect.type === 'sla.alert'
      ? effect.channels.map((channel) => ({
          alertKey: effect.alertKey,
          channel,
          leadId: effect.leadId,
          payload: effect,
        }))
      : [],
  );
}

async function afterCommit(deps: ApplyDeps, effects: readonly Effect[]): Promise<void> {
  await deps.timers.schedule(effects.filter((e) => e.type === 'timer.schedule'));
  await deps.timers.cancel(effects.filter((e) => e.type === 'timer.cancel'));
  for (const effect of effects) if (effect.type === 'metric') deps.onMetric?.(effect.name, effect.labels, effect.value);
}
