import { addBusinessMinutes, type Calendar } from '../protocol';
import type { Scheduled } from './agenda';
import type { MarketContact } from './market';

/**
 * When each person acts, as protocol instants: a pure translation of a contact's touches and its
 * Sales plan into the agenda. Sales delays count business minutes of the lead's territory
 * calendar, so a lead handed off on Friday evening waits for Monday like a real one.
 */

const MINUTE = 60_000;

/** The person arrives, then warms up (or not) over the following days. */
export function arrivalActs(contact: MarketContact): Scheduled[] {
  return [
    { at: contact.arrivesAt, act: { kind: 'arrive', key: contact.key } },
    ...contact.touches.map((touch) => ({
      at: contact.arrivesAt + touch.afterMinutes * MINUTE,
      act: { kind: 'touch', key: contact.key, touch: touch.kind } as const,
    })),
  ];
}

export interface Calendars {
  /** The calendar of the lead's territory. */
  readonly sales: Calendar;
  /** Marketing's own calendar (merges, data fixes). */
  readonly marketing: Calendar;
}

/** Accept, call, and perhaps convert and close: each step a number of business minutes after the last. */
function workTheLead(contact: MarketContact, from: number, acceptAfter: number, calendar: Calendar): Scheduled[] {
  const plan = contact.plan;
  const key = contact.key;
  const acceptAt = addBusinessMinutes(from, acceptAfter, calendar);
  const touchAfter = plan.kind === 'accept' ? plan.touchAfter : 45;
  const touchAt = addBusinessMinutes(acceptAt, touchAfter, calendar);
  const acts: Scheduled[] = [
    { at: acceptAt, act: { kind: 'accept', key } },
    { at: touchAt, act: { kind: 'first_touch', key } },
  ];
  if (plan.kind === 'accept' && plan.correctedTitle !== null && contact.marketerEditAfter !== null) {
    acts.push({ at: touchAt + contact.marketerEditAfter * MINUTE, act: { kind: 'marketer_edit', key } });
  }
  const deal = plan.kind === 'accept' ? plan.deal : null;
  if (deal === null) return acts;
  const convertAt = addBusinessMinutes(touchAt, deal.convertAfter, calendar);
  acts.push({ at: convertAt, act: { kind: 'convert', key } });
  if (deal.outcome !== 'open')
    acts.push({
      at: addBusinessMinutes(convertAt, deal.closeAfter, calendar),
      act: { kind: 'close', key, won: deal.outcome === 'won' },
    });
  return acts;
}

/** What Sales (and, for a duplicate, Marketing) will do once the lead reaches Salesforce at `handedOffAt`. */
export function handoffActs(contact: MarketContact, handedOffAt: number, calendars: Calendars): Scheduled[] {
  const plan = contact.plan;
  const key = contact.key;
  switch (plan.kind) {
    case 'accept':
      return workTheLead(contact, handedOffAt, plan.acceptAfter, calendars.sales);
    case 'reject': {
      const rejectAt = addBusinessMinutes(handedOffAt, plan.rejectAfter, calendars.sales);
      const acts: Scheduled[] = [{ at: rejectAt, act: { kind: 'reject', key, code: plan.code } }];
      if (plan.codeLater !== null)
        acts.push({
          at: addBusinessMinutes(rejectAt, plan.codeLater.after, calendars.sales),
          act: { kind: 'add_code', key, code: plan.codeLater.code },
        });
      // Marketing merges a duplicate within its own SLA, a couple of its working hours later.
      if (contact.original !== null)
        acts.push({ at: addBusinessMinutes(rejectAt, 120, calendars.marketing), act: { kind: 'merge', key } });
      return acts;
    }
    case 'ignore':
      return plan.lateAcceptAfter === null
        ? []
        : workTheLead(contact, handedOffAt, plan.lateAcceptAfter, calendars.sales);
  }
}

/** The SLA ladder gave the lead to another rep at `reassignedAt`: what that rep does. */
export function reassignmentActs(contact: MarketContact, reassignedAt: number, calendars: Calendars): Scheduled[] {
  const plan = contact.plan;
  if (plan.kind !== 'ignore' || plan.newOwnerAcceptsAfter === null) return [];
  return workTheLead(contact, reassignedAt, plan.newOwnerAcceptsAfter, calendars.sales);
}
