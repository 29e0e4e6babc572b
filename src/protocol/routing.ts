import { z } from 'zod';
import { salesforceId } from '../shared/ids';
import { salesforceIdSchema } from './lead';
import type { RoutingDefinition, Territory } from './schema/routing.schema';
import { isBlank, type FieldValue } from './values';

/** Who should own a handed-off lead, decided purely; the pipeline does the round-robin pick. */
export const assignmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner'), ownerId: salesforceIdSchema }),
  z.object({ kind: z.literal('pool'), pool: z.string(), members: z.array(salesforceIdSchema) }),
  z.object({ kind: z.literal('queue'), queueId: salesforceIdSchema }),
]);
export type Assignment = z.infer<typeof assignmentSchema>;

export const routingDecisionSchema = z.object({
  territory: z.string(),
  /** The calendar whose working hours run this lead's SLA clocks. */
  calendar: z.string(),
  matched: z.enum(['territory', 'fallback']),
  assign: assignmentSchema,
});
export type RoutingDecision = z.infer<typeof routingDecisionSchema>;

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
