import { CAMPAIGNS, duplicateOf, personFor, type Persona } from './market-people';
import {
  acceptPlan,
  correctedTitle,
  salesPlan,
  touchScript,
  type SalesPlan,
  type ScheduledTouch,
} from './market-plans';
import { Random } from './random';

/**
 * The synthetic market: people arriving through campaigns over simulated days, each with the
 * touches that will (or will not) warm them up and the plan Sales follows if they are handed off.
 * A few people carry a scripted role, so every run shows each moment of the story early on.
 */
export const ROLES = [
  'quick_win',
  'lost_deal',
  'title_collision',
  'no_code_then_fixed',
  'no_code',
  'ladder',
  'late_accept',
  'reassigned_accept',
  'duplicated',
  'duplicate',
] as const;
export type Role = (typeof ROLES)[number];

export interface MarketContact {
  /** Stable within a run: `c17`, and `c17-dup` for the duplicate of contact 17. */
  readonly key: string;
  readonly persona: Persona;
  readonly campaign: string;
  /** Protocol instant at which the person fills in the first form. */
  readonly arrivesAt: number;
  readonly properties: Readonly<Record<string, string>>;
  readonly touches: readonly ScheduledTouch[];
  readonly plan: SalesPlan;
  readonly role: Role | null;
  /** For a duplicate: the key of the original record Marketing merges it into once Sales says so. */
  readonly original: string | null;
  /** For a title collision: calendar minutes after Sales corrected the title until a marketer overwrites it. */
  readonly marketerEditAfter: number | null;
}

/**
 * The n-th ready buyer (persona hot, 0-based) plays this role. Ready buyers are handed off within
 * hours of arriving, so the scripted moments all happen in the first simulated days.
 */
const SCRIPT: ReadonlyMap<number, Role> = new Map([
  [0, 'quick_win'],
  [1, 'duplicated'],
  [2, 'ladder'],
  [3, 'no_code_then_fixed'],
  [4, 'title_collision'],
  [5, 'late_accept'],
  [6, 'reassigned_accept'],
  [8, 'lost_deal'],
  [10, 'no_code'],
  [12, 'ladder'],
  [14, 'title_collision'],
]);
/** Roles whose story needs the SLA windows of 4 business hours, not the enterprise territory's 8. */
const MIDMARKET_ROLES: ReadonlySet<Role> = new Set(['ladder', 'late_accept', 'reassigned_accept']);

const MINUTE = 60_000;
/** The Monday-morning newsletter brings the first people in quickly; then about three an hour. */
const OPENING_ARRIVALS = 8;
const OPENING_GAP_MIN = 4;
const USUAL_GAP_MIN = 20;

function planFor(role: Role | null, rng: Random): SalesPlan {
  switch (role) {
    case null:
      return salesPlan(rng);
    case 'quick_win':
    case 'lost_deal': {
      const plan = acceptPlan(rng);
      // A short deal, so that a run of a minute sees it close.
      return {
        ...plan,
        touchAfter: rng.int(15, 90),
        deal: {
          convertAfter: rng.int(60, 180),
          amount: 1_000 * rng.int(12, 60),
          outcome: role === 'quick_win' ? 'won' : 'lost',
          closeAfter: rng.int(120, 300),
        },
      };
    }
    case 'title_collision':
      return acceptPlan(rng, correctedTitle(rng));
    case 'duplicated':
      return { ...acceptPlan(rng), deal: null };
    case 'no_code_then_fixed':
      return {
        kind: 'reject',
        rejectAfter: rng.int(30, 120),
        code: null,
        codeLater: { after: rng.int(60, 180), code: 'NOT_READY' },
      };
    case 'no_code':
      return { kind: 'reject', rejectAfter: rng.int(30, 120), code: null, codeLater: null };
    case 'duplicate':
      return { kind: 'reject', rejectAfter: rng.int(20, 90), code: 'DUPLICATE', codeLater: null };
    case 'ladder':
      return { kind: 'ignore', lateAcceptAfter: null, newOwnerAcceptsAfter: null };
    case 'late_accept':
      return { kind: 'ignore', lateAcceptAfter: rng.int(270, 400), newOwnerAcceptsAfter: null };
    case 'reassigned_accept':
      return { kind: 'ignore', lateAcceptAfter: null, newOwnerAcceptsAfter: rng.int(30, 120) };
  }
}

export class Market {
  private index = 0;
  private hot = 0;
  private nextArrival: number;

  constructor(
    private readonly seed: number,
    startAt: number,
  ) {
    this.nextArrival = startAt + MINUTE;
  }

  /** Everyone who arrives up to `now`, in arrival order; each person is returned once (duplicates come from duplicateOf). */
  arrivalsUntil(now: number): MarketContact[] {
    const arrived: MarketContact[] = [];
    while (this.nextArrival <= now) arrived.push(this.draw());
    return arrived;
  }

  private draw(): MarketContact {
    const index = this.index++;
    const rng = Random.derive(this.seed, 'contact', index);
    const campaign = rng.weighted(CAMPAIGNS.map((c) => [c, c.weight] as const));
    const persona = rng.weighted(campaign.personas);
    const role = persona === 'hot' ? (SCRIPT.get(this.hot++) ?? null) : null;
    const person = personFor(persona, campaign.name, index, rng);
    const properties =
      role !== null && MIDMARKET_ROLES.has(role) && person.properties.company_segment === 'enterprise'
        ? { ...person.properties, numberofemployees: '1200', company_segment: 'midmarket' }
        : person.properties;
    const arrivesAt = this.nextArrival;
    const gap = index < OPENING_ARRIVALS ? OPENING_GAP_MIN : USUAL_GAP_MIN;
    // Exponential gaps: arrivals as a Poisson process, as independent sign-ups are.
    this.nextArrival += Math.max(MINUTE, Math.round(-Math.log(1 - rng.next()) * gap * MINUTE));
    return {
      key: `c${index}`,
      persona,
      campaign: campaign.name,
      arrivesAt,
      properties,
      touches: touchScript(persona, rng),
      plan: planFor(role, rng),
      role,
      original: null,
      marketerEditAfter: role === 'title_collision' ? rng.int(60, 240) : null,
    };
  }

  /**
   * The same person signing up again, under another address, an hour or two after `at` (when
   * their first record reached Sales), asking for a demo straight away.
   */
  duplicateOf(original: MarketContact, at: number): MarketContact {
    const rng = Random.derive(this.seed, 'duplicate', original.key);
    return {
      key: `${original.key}-dup`,
      persona: 'hot',
      campaign: original.campaign,
      arrivesAt: at + rng.int(60, 180) * MINUTE,
      properties: duplicateOf(original.properties),
      touches: [
        { afterMinutes: 1, kind: 'form' },
        { afterMinutes: rng.int(10, 40), kind: 'demo_request' },
      ],
      plan: planFor('duplicate', rng),
      role: 'duplicate',
      original: original.key,
      marketerEditAfter: null,
    };
  }
}
