import fc from 'fast-check';
import {
  decide,
  isWorkingInstant,
  leadSchema,
  STAGES,
  validateTransition,
  type Lead,
  type LeadEvent,
  type TimerSpec,
} from '../../../src/protocol';
import { hubSpotContactId, salesforceId } from '../../../src/shared/ids';
import { CONTACT, LEAD, ny, OPPORTUNITY, protocol, qualifiedProperties, SF_CONTACT, SF_LEAD } from './engine-harness';

type Command =
  | {
      readonly kind: 'contact';
      readonly qualified: boolean;
      readonly missing: boolean;
      readonly optOut: boolean;
      readonly title: string;
    }
  | { readonly kind: 'status'; readonly status: string; readonly code: string | null }
  | { readonly kind: 'activity' }
  | { readonly kind: 'opportunity'; readonly closed: boolean; readonly won: boolean }
  | { readonly kind: 'convert' }
  | { readonly kind: 'timer'; readonly pick: number }
  | { readonly kind: 'sweep' }
  | { readonly kind: 'handoff'; readonly outcome: 'lead' | 'contact' | 'failed' | 'retry' }
  | {
      readonly kind: 'manual';
      readonly action: 'accept' | 'reject' | 'requalify' | 'disqualify' | 'reassign';
      readonly code: string | null;
    }
  | { readonly kind: 'deleted'; readonly privacy: boolean }
  | { readonly kind: 'sf-deleted' }
  | { readonly kind: 'merged'; readonly survivorHasLead: boolean };

const CODES = [...protocol.rejection.codes.map((entry) => entry.code), 'NOT_A_CODE', null];

/** A small pool of each kind of command; which pool a step draws from depends on the lead's stage. */
function commands(pick: number): Record<string, Command> {
  const code = CODES[pick % CODES.length] ?? null;
  return {
    contact: {
      kind: 'contact',
      qualified: pick % 5 !== 0,
      missing: pick % 7 === 0,
      optOut: pick % 23 === 0,
      title: ['VP Product', 'Engineer', 'CTO'][pick % 3] ?? 'CTO',
    },
    accept: { kind: 'status', status: 'Working - Contacted', code: null },
    reject: { kind: 'status', status: 'Closed - Not Converted', code },
    code: { kind: 'status', status: 'Closed - Not Converted', code },
    reopen: { kind: 'status', status: 'Open - Not Contacted', code: null },
    activity: { kind: 'activity' },
    opportunity: { kind: 'opportunity', closed: pick % 3 !== 0, won: pick % 2 === 0 },
    convert: { kind: 'convert' },
    timer: { kind: 'timer', pick },
    sweep: { kind: 'sweep' },
    handoff: {
      kind: 'handoff',
      outcome: (['lead', 'lead', 'lead', 'contact', 'failed', 'retry'] as const)[pick % 6] ?? 'lead',
    },
    manual: {
      kind: 'manual',
      action: (['accept', 'reject', 'requalify', 'disqualify', 'reassign'] as const)[pick % 5] ?? 'accept',
      code,
    },
    deleted: { kind: 'deleted', privacy: pick % 2 === 0 },
    sfDeleted: { kind: 'sf-deleted' },
    merged: { kind: 'merged', survivorHasLead: pick % 2 === 0 },
  };
}

const LIKELY: Record<string, readonly string[]> = {
  marketing: ['contact', 'contact', 'contact', 'timer', 'timer', 'manual'],
  handoff: ['handoff', 'handoff', 'handoff', 'timer', 'contact'],
  sales: [
    'accept',
    'accept',
    'reject',
    'code',
    'activity',
    'activity',
    'timer',
    'timer',
    'timer',
    'sweep',
    'sweep',
    'opportunity',
    'convert',
    'manual',
    'contact',
  ],
  closed: ['opportunity', 'opportunity', 'activity', 'contact', 'timer'],
};

function phase(lead: Lead | null): keyof typeof LIKELY {
  if (lead === null) return 'marketing';
  if (lead.pendingHandoff !== null) return 'handoff';
  if (['handed_off', 'accepted', 'working', 'dormant', 'rejected'].includes(lead.stage)) return 'sales';
  return lead.stage === 'converted' ? 'closed' : 'marketing';
}

/** Mostly what the lead's stage makes likely; sometimes anything at all, so that refusals are exercised. */
function choose(lead: Lead | null, roll: number, pick: number, variant: number): Command {
  const pool = commands(variant);
  const all = Object.keys(pool);
  const likely = LIKELY[phase(lead)] ?? all;
  const name =
    roll < 85
      ? likely[pick % likely.length]
      : roll < 98
        ? all[pick % all.length]
        : ['deleted', 'sfDeleted', 'merged'][pick % 3];
  return pool[name ?? 'contact'] ?? { kind: 'sweep' };
}

// Mostly minutes to hours between events, sometimes weeks (so dormancy and recycling come round).
const advance = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 8 * 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 * 24 * 60 }) },
);
const step = fc.record({
  roll: fc.integer({ min: 0, max: 99 }),
  pick: fc.nat({ max: 10_000 }),
  variant: fc.nat({ max: 10_000 }),
  advanceMinutes: advance,
});

interface World {
  lead: Lead | null;
  now: number;
  seq: number;
  /** Every timer ever scheduled, so that stale ones fire too. */
  timers: { key: string; fireAt: number; timer: TimerSpec }[];
}

function record(world: World, lead: Lead | null): string {
  return lead?.salesforce?.id ?? SF_LEAD;
}

/** Turns a command into the event the pipeline would send in the world's current state. */
function materialize(world: World, command: Command): LeadEvent | null {
  const { lead, now } = world;
  const id = `e${(world.seq += 1)}`;
  const sf = salesforceId(record(world, lead));
  const object = sf.startsWith('003') ? ('Contact' as const) : ('Lead' as const);
  switch (command.kind) {
    case 'contact': {
      const properties = {
        ...qualifiedProperties(now),
        jobtitle: command.title,
        ...(command.qualified ? {} : { demo_requested_date: null }),
        ...(command.missing ? { company: null } : {}),
        ...(command.optOut ? { do_not_contact: 'true' } : {}),
      };
      return {
        type: 'hubspot.contact.changed',
        id,
        at: now,
        leadId: LEAD,
        contactId: lead?.hubspotContactId ?? CONTACT,
        properties,
      };
    }
    case 'status':
      return {
        type: 'salesforce.lead.changed',
        id,
        at: now,
        salesforceId: sf,
        object,
        fields: { Status: command.status, Rejection_Code__c: command.code },
      };
    case 'activity':
      return {
        type: 'salesforce.activity.logged',
        id,
        at: now,
        salesforceId: sf,
        object,
        activityId: salesforceId('00T000000000001AAA'),
        activityAt: now,
        kind: 'task',
      };
    case 'opportunity':
      return {
        type: 'salesforce.opportunity.changed',
        id,
        at: now,
        opportunityId: OPPORTUNITY,
        stageName: 'x',
        isClosed: command.closed,
        isWon: command.won,
        amount: 1000,
      };
    case 'convert':
      return {
        type: 'salesforce.lead.converted',
        id,
        at: now,
        salesforceId: sf,
        object,
        contactId: SF_CONTACT,
        accountId: null,
        opportunityId: OPPORTUNITY,
      };
    case 'timer': {
      // Mostly a timer the lead waits for; sometimes any timer ever scheduled, stale ones included.
      const pending = lead?.timers ?? [];
      const timer =
        command.pick % 4 !== 0 && pending.length > 0
          ? pending[command.pick % pending.length]
          : world.timers[command.pick % Math.max(1, world.timers.length)];
      if (timer === undefined || lead === null) return null;
      world.now = Math.max(now, timer.fireAt);
      return {
        type: 'timer.fired',
        id: `${timer.key}#${world.seq}`,
        at: world.now,
        leadId: lead.id,
        key: timer.key,
        timer: timer.timer,
      };
    }
    case 'sweep':
      return { type: 'dormancy.sweep', id, at: now };
    case 'handoff': {
      const key = lead?.pendingHandoff ?? 'none';
      if (command.outcome === 'failed' || command.outcome === 'retry')
        return {
          type: 'salesforce.handoff.failed',
          id,
          at: now,
          handoffKey: key,
          reason: 'x',
          retryable: command.outcome === 'retry',
        };
      const target = command.outcome === 'contact' ? SF_CONTACT : SF_LEAD;
      return {
        type: 'salesforce.handoff.completed',
        id,
        at: now,
        handoffKey: key,
        salesforceId: target,
        object: command.outcome === 'contact' ? 'Contact' : 'Lead',
        ownerId: salesforceId('005AM0000000001YAA'),
        created: true,
      };
    }
    case 'manual':
      return command.action === 'reject'
        ? { type: 'manual.reject', id, at: now, actor: 'admin', code: command.code }
        : { type: `manual.${command.action}`, id, at: now, actor: 'admin' };
    case 'deleted':
      return {
        type: 'hubspot.contact.deleted',
        id,
        at: now,
        contactId: lead?.hubspotContactId ?? CONTACT,
        privacy: command.privacy,
      };
    case 'sf-deleted':
      return { type: 'salesforce.lead.deleted', id, at: now, salesforceId: sf, object };
    case 'merged':
      return {
        type: 'hubspot.contact.merged',
        id,
        at: now,
        contactId: lead?.hubspotContactId ?? CONTACT,
        survivorId: hubSpotContactId('999'),
        mergedIds: [CONTACT],
        survivorHasLead: command.survivorHasLead,
      };
    default: {
      const never: never = command;
      return never;
    }
  }
}

/** The invariants every decision keeps; returns the lead to go on with. */
function check(world: World, event: LeadEvent): void {
  const before = world.lead;
  const decision = decide(before, event, protocol, world.now);
  // Deterministic: the same inputs give the same decision.
  expect(decide(before, event, protocol, world.now)).toEqual(decision);
  const lead = decision.lead;
  if (lead === null) {
    expect(before).toBeNull();
    return;
  }
  // A lead is always in exactly one stage, and stays a valid ledger record.
  expect(STAGES).toContain(lead.stage);
  expect(leadSchema.safeParse(JSON.parse(JSON.stringify(lead))).success).toBe(true);
  // Every applied transition is in the table, and they chain from the old stage to the new one.
  const applied = decision.effects.flatMap((effect) =>
    effect.type === 'audit' && effect.kind === 'transition' ? [effect] : [],
  );
  let stage = before?.stage ?? 'new';
  for (const transition of applied) {
    expect(transition.from).toBe(stage);
    expect(validateTransition(transition.from!, transition.to!, transition.cause.transition!).ok).toBe(true);
    stage = transition.to!;
  }
  expect(lead.stage).toBe(stage);
  // SLA due times fall inside the calendar's working hours.
  if (lead.sla !== null) {
    const calendar = protocol.calendars[lead.sla.calendar]!;
    expect(isWorkingInstant(lead.sla.accept.dueAt, calendar)).toBe(true);
    expect(isWorkingInstant(lead.sla.firstTouch.dueAt, calendar)).toBe(true);
  }
  // The same event applied twice gives the state of applying it once.
  const again = decide(lead, event, protocol, world.now + 1000);
  expect(again.lead).toEqual(lead);
  if (decision.ignored === undefined) expect(again.effects).toEqual([]);
  for (const effect of decision.effects)
    if (effect.type === 'timer.schedule')
      world.timers.push({ key: effect.key, fireAt: effect.fireAt, timer: effect.timer });
  world.lead = lead;
}

describe('engine invariants over random event sequences', () => {
  it('keeps one stage, applies only listed transitions, puts due times in working hours, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const world: World = { lead: null, now: ny('2026-06-01T09:00'), seq: 0, timers: [] };
        for (const { roll, pick, variant, advanceMinutes } of steps) {
          world.now += advanceMinutes * 60_000;
          const event = materialize(world, choose(world.lead, roll, pick, variant));
          if (event !== null) check(world, event);
        }
      }),
      { numRuns: 200 },
    );
    // 200 sequences of up to 40 events take a few seconds alone, over ten on a loaded CI machine.
  }, 60_000);
});
