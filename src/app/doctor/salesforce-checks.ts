import type { OrgQueue, OrgUser, SalesforceInspection } from '../../../connectors/salesforce/org-inspection';
import type { Protocol } from '../../protocol';
import { salesforceRoles } from '../../protocol/field-sync';
import { salesforceName } from '../../protocol/write-back';
import { salesforceFieldSpecs } from '../provision-specs';
import { count, ok, type Finding } from './finding';

const SF = 'Salesforce' as const;

/** Where the protocol names a Salesforce user or queue. */
interface RoutingTarget {
  readonly path: string;
  readonly id: string;
  readonly kind: 'user' | 'queue';
}

function routingTargets(protocol: Protocol): RoutingTarget[] {
  const { routing } = protocol;
  return [
    ...Object.entries(routing.pools).flatMap(([name, pool]) =>
      pool.members.map((id, i) => ({ path: `routing.pools.${name}.members[${i}]`, id, kind: 'user' as const })),
    ),
    ...routing.territories.flatMap((territory, i) =>
      territory.assign.owner === undefined
        ? []
        : [
            {
              path: `routing.territories[${i}] (${territory.name}).assign.owner`,
              id: territory.assign.owner,
              kind: 'user' as const,
            },
          ],
    ),
    { path: 'routing.fallback.queueId', id: routing.fallback.queueId, kind: 'queue' },
  ];
}

/** Salesforce compares ids on their first 15 characters (the 18-character form adds a case checksum). */
const key15 = (id: string): string => id.slice(0, 15);

function describeUser(user: OrgUser): string {
  return `${user.name} (${user.username})`;
}

/** Every user and queue the routing names exists, users are active, the queue has someone in it. */
export async function checkRoutingPeople(protocol: Protocol, org: SalesforceInspection): Promise<Finding[]> {
  const targets = routingTargets(protocol);
  const userTargets = targets.filter((t) => t.kind === 'user');
  const queueTargets = targets.filter((t) => t.kind === 'queue');
  const users = new Map((await org.users(userTargets.map((t) => t.id))).map((u) => [key15(u.id), u]));
  const queues = new Map((await org.queues(queueTargets.map((t) => t.id))).map((q) => [key15(q.id), q]));
  const findings: Finding[] = [];
  for (const target of userTargets) {
    const user = users.get(key15(target.id));
    if (user === undefined)
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart: true,
        message: `${target.path}: no user ${target.id} in this org, so every lead routed there would fail to hand off.`,
        fix: "Copy the user's 18-character id from Setup → Users (the id in the user's page address) into the protocol file, then run `leadpact check`.",
      });
    else if (!user.isActive)
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart: true,
        message: `${target.path}: ${describeUser(user)} is inactive; Salesforce refuses to make an inactive user the owner of a lead.`,
        fix: `Replace ${user.name} in the protocol file with an active user, or reactivate the user in Setup → Users.`,
      });
  }
  for (const target of queueTargets) {
    const queue = queues.get(key15(target.id));
    if (queue === undefined)
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart: true,
        message: `${target.path}: no queue ${target.id} in this org; leads that match no territory would have nowhere to go.`,
        fix: 'Create a Lead queue in Setup → Queues (or pick an existing one) and put its id (starting 00G) in the protocol file.',
      });
    else findings.push(...queueFindings(target, queue));
  }
  const pools = Object.keys(protocol.routing.pools).length;
  if (!findings.some((f) => f.severity === 'error'))
    findings.push(
      ok(
        SF,
        `Routing: ${count(users.size, 'user')} in ${count(pools, 'pool')} and the territories exist and are active; the fallback queue exists.`,
      ),
    );
  return findings;
}

function queueFindings(target: RoutingTarget, queue: OrgQueue): Finding[] {
  if (queue.memberCount === null)
    return [
      {
        crm: SF,
        severity: 'warning',
        message: `${target.path}: could not see who is in the queue "${queue.name}" (the integration user may not read GroupMember).`,
        fix: 'Check in Setup → Queues that someone works this queue.',
      },
    ];
  if (queue.memberCount > 0) return [];
  return [
    {
      crm: SF,
      severity: 'warning',
      message: `${target.path}: the queue "${queue.name}" has no members, so leads that fall back to it wait for nobody.`,
      fix: `Add the people who work unassigned leads to "${queue.name}" in Setup → Queues.`,
    },
  ];
}

/** A field leadpact needs on an object, and whether it writes it or only reads it. */
export interface FieldNeed {
  readonly object: string;
  readonly field: string;
  readonly access: 'read' | 'edit';
}

/**
 * The fields leadpact reads and writes on Lead, Contact and Campaign: the write-back fields it
 * creates (edit), how Sales answers (read), and the mapped fields (edit where HubSpot may write them).
 */
export function fieldNeeds(protocol: Protocol): FieldNeed[] {
  const needs = new Map<string, FieldNeed>();
  const add = (need: FieldNeed): void => {
    const k = `${need.object}.${need.field}`.toLowerCase();
    if (needs.get(k)?.access !== 'edit') needs.set(k, need);
  };
  for (const spec of salesforceFieldSpecs(protocol)) add({ object: spec.object, field: spec.name, access: 'edit' });
  for (const object of ['Lead', 'Contact'] as const) {
    for (const field of salesforceRoles(protocol, object).keys()) add({ object, field, access: 'read' });
    for (const mapping of protocol.fieldSync.mapping) {
      const field = salesforceName(mapping, object);
      if (field !== null && mapping.direction !== 'salesforce_to_hubspot') add({ object, field, access: 'edit' });
    }
  }
  return [...needs.values()];
}

/**
 * What the integration user may see and edit, as describe answers it for that user: a field it
 * cannot read is absent, one it cannot edit is not updateable (field-level security).
 */
export async function checkFieldAccess(
  needs: readonly FieldNeed[],
  org: SalesforceInspection,
  permissionSet: string,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const objects = [...new Set(needs.map((n) => n.object))];
  for (const object of objects) {
    const access = await org.access(object);
    const wanted = needs.filter((n) => n.object === object);
    // Hand-offs write Lead and Contact; Campaign carries only the metrics, so its gaps do not stop a start.
    const stopsStart = object === 'Lead' || object === 'Contact';
    if (access.fields === null) {
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart,
        message: `The integration user cannot see ${object} records at all.`,
        fix: `Grant Read${wanted.some((n) => n.access === 'edit') ? ', Create and Edit' : ''} on ${object} in the permission set "${permissionSet}" (run \`leadpact provision\`), and assign it to the integration user.`,
      });
      continue;
    }
    const missing = wanted.filter((n) => access.fields?.get(n.field.toLowerCase()) === undefined);
    const readOnly = wanted.filter(
      (n) => n.access === 'edit' && access.fields?.get(n.field.toLowerCase())?.updateable === false,
    );
    if (missing.length > 0)
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart,
        message: `${object}: ${fieldList(missing)} ${missing.length === 1 ? 'is' : 'are'} missing or hidden from the integration user.`,
        fix: `Run \`leadpact provision\`: it creates leadpact's fields and grants them through the permission set "${permissionSet}". A field of your own needs Read${missing.some((n) => n.access === 'edit') ? ' and Edit' : ''} in that permission set.`,
      });
    if (readOnly.length > 0)
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart,
        message: `${object}: the integration user may read but not edit ${fieldList(readOnly)}.`,
        fix: `Grant Edit on ${readOnly.map((n) => `${object}.${n.field}`).join(', ')} in the permission set "${permissionSet}" (Setup → Permission Sets → ${permissionSet} → Object Settings → ${object}), or run \`leadpact provision\`.`,
      });
  }
  if (findings.length === 0)
    findings.push(
      ok(
        SF,
        `Field access: the integration user may read and edit the ${count(needs.length, 'field')} leadpact uses on ${objects.join(', ')}.`,
      ),
    );
  return findings;
}

/** Names a few fields and counts the rest: a list of fifteen says "not provisioned" no better than four. */
function fieldList(needs: readonly FieldNeed[]): string {
  const SHOWN = 4;
  const names = needs.map((n) => n.field);
  return names.length <= SHOWN + 1
    ? names.join(', ')
    : `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more`;
}

/** Below this share of the daily allocation left, a warning: leadpact would soon wait for the window to roll. */
const LOW_ALLOCATION = 0.1;

export async function checkSalesforceAllocation(org: SalesforceInspection): Promise<Finding[]> {
  const daily = await org.dailyAllocation();
  if (daily === null) return [];
  const left = `${daily.remaining.toLocaleString('en-US')} of ${daily.max.toLocaleString('en-US')} daily API requests left`;
  if (daily.remaining < daily.max * LOW_ALLOCATION)
    return [
      {
        crm: SF,
        severity: 'warning',
        message: `API allocation: only ${left}; leadpact pauses its writes when none are left.`,
        fix: 'Find what else uses the allocation (Setup → System Overview → API Requests), or buy more in Salesforce.',
      },
    ];
  return [ok(SF, `API allocation: ${left}.`)];
}
