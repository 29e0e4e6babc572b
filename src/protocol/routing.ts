import { salesforceId, type SalesforceId } from '../shared/ids';
import type { RoutingDefinition, Territory } from './schema/routing.schema';
import { isBlank, type FieldValue } from './values';

/** Who should own a handed-off lead, decided purely; the pipeline does the round-robin pick. */
export type Assignment =
  | { readonly kind: 'owner'; readonly ownerId: SalesforceId }
  | { readonly kind: 'pool'; readonly pool: string; readonly members: readonly SalesforceId[] }
  | { readonly kind: 'queue'; readonly queueId: SalesforceId };

export interface RoutingDecision {
  readonly territory: string;
  /** The calendar whose working hours run this lead's SLA clocks. */
  readonly calendar: string;
  readonly matched: 'territory' | 'fallback';
  readonly assign: Assignment;
}

export interface RouteOptions {
  /** Owners who may not take the lead (the one it is being taken from, on reassignment). */
  readonly exclude?: readonly string[];
}

function listed(value: FieldValue | undefined, values: readonly string[] | undefined): boolean {
  if (values === undefined) return true;
  if (isBlank(value)) return false;
  const text = String(value).trim().toLowerCase();
  return values.some((candidate) => candidate.trim().toLowerCase() === text);
}

function matches(
  territory: Territory,
  properties: Readonly<Record<string, FieldValue>>,
  routing: RoutingDefinition,
): boolean {
  const when = territory.when;
  if (when === undefined) return true;
  const segment = routing.segmentProperty === undefined ? undefined : properties[routing.segmentProperty];
  return (
    listed(properties[routing.countryProperty], when.countries) &&
    listed(properties[routing.regionProperty], when.regions) &&
    listed(segment, when.segments)
  );
}

function fallback(routing: RoutingDefinition): RoutingDecision {
  return {
    territory: routing.fallback.territory,
    calendar: routing.fallback.calendar,
    matched: 'fallback',
    assign: { kind: 'queue', queueId: salesforceId(routing.fallback.queueId) },
  };
}

function assignment(territory: Territory, routing: RoutingDefinition, exclude: ReadonlySet<string>): Assignment | null {
  const { owner, pool } = territory.assign;
  if (owner !== undefined) return exclude.has(owner) ? null : { kind: 'owner', ownerId: salesforceId(owner) };
  const members = (routing.pools[pool ?? ''] ?? { members: [] }).members.filter((member) => !exclude.has(member));
  return members.length === 0 ? null : { kind: 'pool', pool: pool ?? '', members: members.map(salesforceId) };
}

/**
 * The territory whose criteria the contact's properties meet first (country, region, segment,
 * compared case-insensitively), and its owner or pool. A pool emptied by `exclude`, or a fixed
 * owner who is excluded, leaves the territory's calendar in force but sends the lead to the queue.
 */
export function route(
  properties: Readonly<Record<string, FieldValue>>,
  routing: RoutingDefinition,
  options: RouteOptions = {},
): RoutingDecision {
  const territory = routing.territories.find((candidate) => matches(candidate, properties, routing));
  if (territory === undefined) return fallback(routing);
  const assign = assignment(territory, routing, new Set(options.exclude ?? []));
  if (assign === null) return { ...fallback(routing), territory: territory.name, calendar: territory.calendar };
  return { territory: territory.name, calendar: territory.calendar, matched: 'territory', assign };
}
