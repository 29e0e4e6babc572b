import type { OrgQueue, OrgUser, SalesforceInspection } from '../../../connectors/salesforce/org-inspection';
import type { Protocol } from '../../protocol';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../shared/field-specs';
import {
  missingAccess,
  type DescribedAccess,
  type PermissionSetPlan,
} from '../../../connectors/salesforce/provision-access';
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

/**
 * What the integration user may see and edit, as describe answers it for that user (a field it
 * cannot read is absent, one it cannot edit is not updateable), against the permission set
 * `leadpact provision` grants: the same plan, so doctor and provision never disagree.
 */
export async function checkFieldAccess(plan: PermissionSetPlan, org: SalesforceInspection): Promise<Finding[]> {
  const describes = new Map<string, DescribedAccess | null>();
  for (const grant of plan.objects) {
    const access = await org.access(grant.object);
    describes.set(grant.object, access.fields === null ? null : { fields: [...access.fields.values()] });
  }
  const missing = missingAccess(describes, plan);
  const findings: Finding[] = [];
  for (const object of [...new Set(missing.map((m) => m.object))]) {
    const gaps = missing.filter((m) => m.object === object);
    // Hand-offs write Lead and Contact; the other objects carry metrics and context, so their gaps do not stop a start.
    const stopsStart = object === 'Lead' || object === 'Contact';
    const hidden = gaps.find((m) => m.field === undefined);
    if (hidden !== undefined) {
      findings.push({
        crm: SF,
        severity: 'error',
        stopsStart,
        message: `The integration user cannot see ${object} records at all.`,
        fix: `${capitalised(hidden.fix)}, and make sure "${plan.label}" is assigned to the integration user.`,
      });
      continue;
    }
    const names = gaps.map((m) => `${m.field ?? ''}${m.level === 'edit' ? ' (Read and Edit)' : ' (Read)'}`);
    findings.push({
      crm: SF,
      severity: 'error',
      stopsStart,
      message: `${object}: the integration user lacks access to ${fieldList(names)}.`,
      fix:
        gaps.length === 1
          ? `${capitalised(gaps[0]?.fix ?? '')}.`
          : `Run \`leadpact provision\`: it creates leadpact's fields and grants them in the permission set "${plan.label}". A field of your own needs the access named here in that permission set (Setup → Permission Sets → ${plan.label} → Object Settings → ${object}).`,
    });
  }
  if (findings.length === 0)
    findings.push(
      ok(
        SF,
        `Field access: the integration user may use the ${count(plan.fields.length, 'field')} leadpact reads and writes on ${plan.objects.map((o) => o.object).join(', ')}.`,
      ),
    );
  return findings;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Names a few fields and counts the rest: a list of fifteen says "not provisioned" no better than four. */
function fieldList(names: readonly string[]): string {
  const SHOWN = 4;
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

/**
 * An outbound message on each object leadpact follows, sending to leadpact: without one, Sales'
 * answers on that object reach leadpact only at the next reconciliation.
 */
export async function checkOutboundMessages(org: SalesforceInspection, publicUrl: string | null): Promise<Finding[]> {
  const messages = await org.outboundMessages();
  if (messages === null)
    return [
      {
        crm: SF,
        severity: 'warning',
        message:
          "Could not read the org's outbound messages (the integration user may not read WorkflowOutboundMessage).",
        fix: `Check in Setup → Outbound Messages that ${FOLLOWED_SALESFORCE_OBJECTS.join(', ')} each send Id to PUBLIC_URL/webhooks/salesforce.`,
      },
    ];
  const target = publicUrl === null ? null : `${publicUrl}/webhooks/salesforce`;
  const reaches = (url: string | null): boolean =>
    url !== null && (target === null ? url.endsWith('/webhooks/salesforce') : url === target);
  const missing = FOLLOWED_SALESFORCE_OBJECTS.filter(
    (object) => !messages.some((m) => m.object === object && reaches(m.endpointUrl)),
  );
  const elsewhere = messages.filter(
    (m) => missing.includes(m.object as (typeof missing)[number]) && m.endpointUrl !== null,
  );
  if (missing.length === 0)
    return [
      ok(SF, `Outbound messages: ${FOLLOWED_SALESFORCE_OBJECTS.join(', ')} each send to ${target ?? 'leadpact'}.`),
    ];
  return [
    {
      crm: SF,
      severity: 'error',
      message: `No outbound message sends ${missing.join(', ')} changes to ${target ?? 'leadpact'}${elsewhere.length === 0 ? '' : ` (${elsewhere.map((m) => `"${m.name}" sends to ${m.endpointUrl ?? '?'}`).join('; ')})`}: Sales' answers there reach leadpact only at the next reconciliation.`,
      fix: `In Setup → Outbound Messages, create one per object (sending Id) to ${target ?? 'PUBLIC_URL/webhooks/salesforce'}, and a flow or workflow rule that sends it when a record is created or edited (README, "Setting up the CRMs").`,
    },
  ];
}
