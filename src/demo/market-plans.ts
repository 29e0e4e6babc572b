import type { ContactActivity } from '../../connectors/hubspot/simulator';
import type { Persona } from './market-people';
import type { Random } from './random';

/**
 * How each synthetic person behaves: the marketing touches that warm them up over simulated days,
 * and, should they reach Sales, what the salesperson does with them. Plans are drawn when the
 * person arrives, from a random stream of their own, so a seed always tells the same story
 * whatever order the pipeline happens to finish things in.
 */

export const TOUCH_KINDS = ['form', 'webinar', 'pricing', 'demo_request', 'trial', 'page_views'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export interface ScheduledTouch {
  /** Calendar minutes after the person arrived: people read e-mail and browse at any hour. */
  readonly afterMinutes: number;
  readonly kind: TouchKind;
}

const HOUR = 60;

/** The touches of a persona, in time order. Readiness needs 40 points: a demo request alone, or a few touches and a look at pricing. */
export function touchScript(persona: Persona, rng: Random): ScheduledTouch[] {
  return scriptOf(persona, rng).sort((a, b) => a.afterMinutes - b.afterMinutes);
}

function scriptOf(persona: Persona, rng: Random): ScheduledTouch[] {
  const at = (minHours: number, maxHours: number, kind: TouchKind): ScheduledTouch => ({
    afterMinutes: Math.round(rng.between(minHours, maxHours) * HOUR),
    kind,
  });
  const arrival: ScheduledTouch = { afterMinutes: 1, kind: 'form' };
  switch (persona) {
    case 'hot':
      return [
        arrival,
        at(0.2, 1, 'page_views'),
        rng.chance(0.75) ? at(0.5, 8, 'demo_request') : at(0.5, 8, 'trial'),
        at(1, 10, 'pricing'),
      ];
    case 'warming': {
      // form, webinar, another form (3 touches: "engaged"), then pricing: 10 + 10 + 15 + 15 = 50.
      const webinar = rng.between(3, 20);
      const secondForm = webinar + rng.between(4, 26);
      const pricing = secondForm + rng.between(1, 20);
      return [
        arrival,
        at(webinar, webinar, 'webinar'),
        at(secondForm, secondForm, 'form'),
        at(pricing - 0.5, pricing - 0.5, 'page_views'),
        at(pricing, pricing, 'pricing'),
      ];
    }
    case 'cold_fit':
      return rng.chance(0.5) ? [arrival, at(6, 60, 'webinar')] : [arrival, at(2, 40, 'page_views')];
    case 'poor_fit':
      // Students and tiny firms ask for demos too: they never qualify, however ready they look.
      return [
        arrival,
        ...(rng.chance(0.4) ? [at(1, 36, 'demo_request')] : []),
        ...(rng.chance(0.3) ? [at(4, 48, 'webinar')] : []),
      ];
    case 'competitor':
    case 'opted_out':
      return [arrival, at(0.5, 10, 'demo_request')];
  }
}

/** What a touch writes in HubSpot at `now`: tracked activity, or a dated marketing property. */
export function touchWrite(
  kind: TouchKind,
  now: number,
  campaign: string,
): { readonly activity?: ContactActivity; readonly properties?: Readonly<Record<string, string>> } {
  const stamp = String(now);
  switch (kind) {
    case 'form':
      return { activity: { formSubmission: `${campaign} sign-up`, pageViews: 2 } };
    case 'page_views':
      return { activity: { pageViews: 3 } };
    case 'webinar':
      return { properties: { webinar_attended_date: stamp } };
    case 'pricing':
      return { properties: { last_pricing_page_view: stamp } };
    case 'demo_request':
      return { properties: { demo_requested_date: stamp } };
    case 'trial':
      return { properties: { trial_started_date: stamp } };
  }
}

export type Outcome = 'won' | 'lost' | 'open';

export interface Deal {
  /** Business minutes after the first touch. */
  readonly convertAfter: number;
  readonly amount: number;
  readonly outcome: Outcome;
  /** Business minutes after the conversion. */
  readonly closeAfter: number;
}

/** Every delay is in business minutes of the lead's territory calendar: Sales works office hours. */
export type SalesPlan =
  | {
      readonly kind: 'accept';
      /** After the hand-off. */
      readonly acceptAfter: number;
      /** After the acceptance: a logged call. Past 8 business hours, the first-touch SLA is breached. */
      readonly touchAfter: number;
      /** The title the rep learns on the first call (Salesforce owns Title), or null. */
      readonly correctedTitle: string | null;
      readonly deal: Deal | null;
    }
  | {
      readonly kind: 'reject';
      readonly rejectAfter: number;
      /** null: rejected with no code at all, a protocol violation. */
      readonly code: string | null;
      /** A code supplied after the violation was reported, or null if it never comes. */
      readonly codeLater: { readonly after: number; readonly code: string } | null;
    }
  | {
      readonly kind: 'ignore';
      /** Accepted after the breach but before the reassignment; null: never by this owner. */
      readonly lateAcceptAfter: number | null;
      /** What the rep the lead is reassigned to does: accept after so many business minutes, or ignore it too (null). */
      readonly newOwnerAcceptsAfter: number | null;
    };

const REJECTION_CODES: readonly (readonly [string, number])[] = [
  ['NOT_READY', 30],
  ['NO_BUDGET', 18],
  ['NOT_ICP', 15],
  ['WRONG_PERSON', 12],
  ['BAD_DATA', 10],
  ['EXISTING_CUSTOMER', 10],
  ['COMPETITOR', 5],
];

const CORRECTED_TITLES = [
  'VP Product Analytics',
  'Head of Product Data',
  'Director, Growth Analytics',
  'Chief Data Officer',
];

/** A deal size: mostly tens of thousands, now and then a large one; rounded as reps quote. */
function amountOf(rng: Random): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const amount = Math.exp(Math.log(24_000) + 0.6 * gaussian);
  return Math.min(150_000, Math.max(6_000, Math.round(amount / 500) * 500));
}

export function dealFor(rng: Random): Deal | null {
  if (!rng.chance(0.55)) return null;
  const outcome = rng.weighted<Outcome>([
    ['won', 45],
    ['lost', 35],
    ['open', 20],
  ]);
  return { convertAfter: rng.int(60, 420), amount: amountOf(rng), outcome, closeAfter: rng.int(120, 600) };
}

export function acceptPlan(rng: Random, correctedTitle: string | null = null): Extract<SalesPlan, { kind: 'accept' }> {
  // One in ten first calls comes after the 8-business-hour first-touch window.
  const touchAfter = rng.chance(0.1) ? rng.int(500, 700) : rng.int(15, 240);
  return { kind: 'accept', acceptAfter: rng.int(10, 150), touchAfter, correctedTitle, deal: dealFor(rng) };
}

export function correctedTitle(rng: Random): string {
  return rng.pick(CORRECTED_TITLES);
}

/** What Sales does with a lead nobody scripted: most accept, some reject with a code, a few ignore it. */
export function salesPlan(rng: Random): SalesPlan {
  const kind = rng.weighted<SalesPlan['kind']>([
    ['accept', 66],
    ['reject', 20],
    ['ignore', 14],
  ]);
  switch (kind) {
    case 'accept':
      return acceptPlan(rng);
    case 'reject':
      return { kind: 'reject', rejectAfter: rng.int(20, 200), code: rng.weighted(REJECTION_CODES), codeLater: null };
    case 'ignore':
      return rng.chance(0.6)
        ? { kind: 'ignore', lateAcceptAfter: rng.int(270, 420), newOwnerAcceptsAfter: null }
        : { kind: 'ignore', lateAcceptAfter: null, newOwnerAcceptsAfter: rng.chance(0.5) ? rng.int(30, 180) : null };
  }
}
