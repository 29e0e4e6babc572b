import { DateTime } from 'luxon';
import { formatMetric, formatMinutes } from '../metrics/format';
import type { Protocol } from '../protocol';

/**
 * The narrated moments of the demo: a few lines, picked from leadpact's audit trail, that tell
 * what the service just did and why. Pure: rows in, sentences out. Sentences name a lead by its
 * Salesforce id and its company, never by a person's name or address.
 */

/** One audit-trail row with what the narration needs of its lead. */
export interface AuditRow {
  readonly id: number;
  /** Protocol instant. */
  readonly at: number;
  readonly kind: string;
  readonly toStage: string | null;
  /** cause.transition for a transition. */
  readonly transition: string | null;
  /** The engine's plain words (never property values). */
  readonly text: string;
  readonly lead: {
    readonly salesforceId: string | null;
    readonly hubspotContactId: string | null;
    readonly rejectionCode: string | null;
    readonly amount: number | null;
    readonly slaStatus: string | null;
    readonly slaAcceptDueAt: number | null;
    readonly timeToAcceptMin: number | null;
  };
}

export interface Moment {
  /** What kind of moment: each is told a couple of times, not every time. */
  readonly category: string;
  readonly at: number;
  readonly text: string;
}

export interface NarrationContext {
  readonly protocol: Protocol;
  /** "Northwind Labs, Germany" for a HubSpot contact id, or null when unknown. */
  readonly describe: (hubspotContactId: string) => string | null;
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;

function leadName(row: AuditRow, ctx: NarrationContext): string {
  const company = row.lead.hubspotContactId === null ? null : ctx.describe(row.lead.hubspotContactId);
  const sf = row.lead.salesforceId;
  // A converted Lead carries on as the Contact it became (ids 00Q… and 003…).
  const id = sf === null ? 'a lead' : `${sf.startsWith('003') ? 'Contact' : 'Lead'} ${sf}`;
  return company === null ? id : `${id} (${company})`;
}

/** The company alone, for moments about the deal rather than the record (a converted Lead lives on as a Contact). */
function companyOf(row: AuditRow, ctx: NarrationContext): string {
  return (row.lead.hubspotContactId === null ? null : ctx.describe(row.lead.hubspotContactId)) ?? leadName(row, ctx);
}

function when(instant: number, ctx: NarrationContext): string {
  return DateTime.fromMillis(instant, { zone: ctx.timeZone }).toFormat('ccc d LLL');
}

function clockTime(instant: number, ctx: NarrationContext): string {
  return DateTime.fromMillis(instant, { zone: ctx.timeZone }).toFormat('ccc HH:mm');
}

function rejection(row: AuditRow, ctx: NarrationContext): Moment | null {
  const code = row.lead.rejectionCode ?? '?';
  const said = `Sales rejected ${leadName(row, ctx)}: ${code}`;
  switch (row.transition) {
    case 'rejection_recycle': {
      const days = ctx.protocol.rejection.codes.find((entry) => entry.code === code)?.recycleAfterDays ?? 0;
      return {
        category: 'reject',
        at: row.at,
        text: `${said} → back to nurturing until ${when(row.at + days * DAY_MS, ctx)}`,
      };
    }
    case 'rejection_disqualify':
      return { category: 'reject', at: row.at, text: `${said} → disqualified, Marketing stops sending it` };
    case 'rejection_fix_data':
      return {
        category: 'fix_data',
        at: row.at,
        text: `${said} → back to Marketing to fix the data, on Marketing's own SLA`,
      };
    case 'rejection_merge':
      return { category: 'duplicate', at: row.at, text: `${said} → Marketing must merge it into the original record` };
    default:
      return null;
  }
}

function transition(row: AuditRow, ctx: NarrationContext): Moment | null {
  const name = leadName(row, ctx);
  switch (row.toStage) {
    case 'accepted': {
      const minutes = row.lead.timeToAcceptMin;
      const late = row.lead.slaStatus === 'Breached';
      const took = minutes === null ? '' : ` after ${formatMinutes(minutes)} of business time`;
      return late
        ? {
            category: 'late_accept',
            at: row.at,
            text: `Sales accepted ${name}${took}, past its SLA: the breach stays on the record`,
          }
        : { category: 'accept', at: row.at, text: `Sales accepted ${name}${took}` };
    }
    case 'converted':
      return {
        category: 'convert',
        at: row.at,
        text: `Sales converted the lead of ${companyOf(row, ctx)} into an opportunity`,
      };
    case 'won':
      return {
        category: 'won',
        at: row.at,
        text: `Won: ${companyOf(row, ctx)}, ${formatMetric('mql_revenue', row.lead.amount)}; Marketing sees the revenue on the HubSpot contact`,
      };
    case 'lost':
      return {
        category: 'lost',
        at: row.at,
        text: `Lost: ${companyOf(row, ctx)}, ${formatMetric('mql_revenue', row.lead.amount)}`,
      };
    default:
      return rejection(row, ctx);
  }
}

function escalation(row: AuditRow, ctx: NarrationContext): Moment | null {
  const name = leadName(row, ctx);
  const firstTouch = row.text.includes('first_touch');
  if (row.text.includes('notify_manager')) {
    const what = firstTouch
      ? 'no first call within its window'
      : `not accepted within ${ctx.protocol.sla.accept.businessHours} business hours`;
    return {
      category: firstTouch ? 'touch_breach' : 'breach',
      at: row.at,
      text: `SLA breached on ${name}: ${what} → a Task for the manager`,
    };
  }
  if (row.text.includes('reassign'))
    return {
      category: 'reassign',
      at: row.at,
      text: `Still no answer on ${name} → reassigned to another rep, with a fresh window`,
    };
  if (row.text.includes('return_to_marketing'))
    return {
      category: 'return',
      at: row.at,
      text: `Nobody in Sales took ${name} → returned to Marketing for nurturing`,
    };
  return null;
}

/** The moment an audit row makes, or null if it is not one worth telling. */
export function momentOf(row: AuditRow, ctx: NarrationContext): Moment | null {
  const name = leadName(row, ctx);
  switch (row.kind) {
    case 'handoff_completed': {
      const due =
        row.lead.slaAcceptDueAt === null
          ? ''
          : `; Sales must accept or reject it by ${clockTime(row.lead.slaAcceptDueAt, ctx)}`;
      return { category: 'handoff', at: row.at, text: `${name} qualified and handed off to Sales${due}` };
    }
    case 'transition':
      return transition(row, ctx);
    case 'escalation':
      return escalation(row, ctx);
    case 'violation':
      if (row.text.startsWith('rejection_without_code'))
        return {
          category: 'no_code',
          at: row.at,
          text: `Sales rejected ${name} without a reason code → protocol violation, reported to both sides`,
        };
      if (row.text.startsWith('marketing_sla_breached'))
        return {
          category: 'marketing_sla',
          at: row.at,
          text: `Marketing missed its own SLA on ${name}: ${row.text.replace(/^[a-z_]+: /, '')}`,
        };
      return null;
    case 'field_reverted': {
      const [, side, field, owner] = /^(\w+) changed (\S+), which (\w+) owns/.exec(row.text) ?? [];
      if (side === undefined) return null;
      const who = side === 'hubspot' ? 'A marketer' : 'A rep';
      return {
        category: 'revert',
        at: row.at,
        text: `${who} changed ${field ?? 'a field'} of ${name}, which ${owner === 'salesforce' ? 'Sales' : 'Marketing'} owns → the owner's value was written back`,
      };
    }
    case 'retired':
      return row.text.includes('merged')
        ? {
            category: 'merge',
            at: row.at,
            text: `Marketing merged the duplicate contact in HubSpot; ${name} retired, the original carries on`,
          }
        : null;
    default:
      return null;
  }
}

/**
 * Keeps the narration to a handful: each kind of moment is told at most `perCategory` times, and
 * a repeat waits `gapMs` of real time after the previous line.
 */
export class Narrator {
  private readonly told = new Map<string, number>();
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly perCategory = 2,
    private readonly gapMs = 2_000,
  ) {}

  admit(moment: Moment, realNow: number): boolean {
    const count = this.told.get(moment.category) ?? 0;
    if (count >= this.perCategory) return false;
    if (count > 0 && realNow - this.lastAt < this.gapMs) return false;
    this.told.set(moment.category, count + 1);
    this.lastAt = realNow;
    return true;
  }
}

export function formatMoment(moment: Moment, timeZone: string): string {
  return `${DateTime.fromMillis(moment.at, { zone: timeZone }).toFormat('ccc HH:mm')} — ${moment.text}`;
}
