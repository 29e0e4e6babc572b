import type { HubSpotInspection, PortalProperty } from '../../../connectors/hubspot/portal-inspection';
import { missingScopes, requiredScopes, SCOPES_SETTINGS_PATH } from '../../../connectors/hubspot/required-scopes';
import type { Protocol } from '../../protocol';
import { hubspotRoles } from '../../protocol/field-sync';
import { nearestName } from '../../shared/nearest-name';
import { hubspotProvisionSpec } from '../provision-specs';
import { webhookSubscriptions, type WebhookTarget } from '../provision';
import { count, ok, type Finding } from './finding';

const HS = 'HubSpot' as const;

const NUMERIC_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;

/** What the rules expect of a property's type, by how they compare it. */
function expectedTypes(protocol: Protocol): Map<string, { readonly types: readonly string[]; readonly why: string }> {
  const expected = new Map<string, { types: readonly string[]; why: string }>();
  for (const rule of [...protocol.qualification.fit.rules, ...protocol.qualification.readiness.rules]) {
    if (rule.property === undefined) continue;
    // Text is read as a number or a date when it holds one (src/protocol/values.ts), so string passes.
    if (NUMERIC_OPERATORS.some((op) => rule[op] !== undefined))
      expected.set(rule.property, { types: ['number', 'string'], why: `rule "${rule.id}" compares it as a number` });
    else if (rule.withinDays !== undefined)
      expected.set(rule.property, {
        types: ['date', 'datetime', 'string'],
        why: `rule "${rule.id}" reads it as a date`,
      });
  }
  return expected;
}

/** Every property the rules, routing and hand-off read exists, with a type the rules can compare. */
export async function checkHubSpotProperties(protocol: Protocol, portal: HubSpotInspection): Promise<Finding[]> {
  const properties = await portal.contactProperties();
  const findings: Finding[] = [];
  const read = [...hubspotRoles(protocol).keys()];
  const types = expectedTypes(protocol);
  for (const name of read) {
    const property = properties.get(name);
    if (property === undefined) {
      const near = nearestName(name, properties.keys());
      findings.push({
        crm: HS,
        severity: 'error',
        message: `The protocol reads the contact property "${name}", which this HubSpot account does not have${near === undefined ? '' : ` (did you mean "${near}"?)`}; rules on it never match.`,
        fix:
          near === undefined
            ? `Correct the name in the protocol file to the property's internal name (Settings → Properties → the property → "Internal name"), or create the property in HubSpot.`
            : `Replace "${name}" with "${near}" in the protocol file, then run \`leadpact check\`.`,
      });
      continue;
    }
    const want = types.get(name);
    if (want !== undefined && !want.types.includes(property.type))
      findings.push({
        crm: HS,
        severity: 'warning',
        message: `"${property.label}" (${name}) is a ${property.type} property, but ${want.why}; its values never match.`,
        fix: `Point the rule at a ${want.types[0] ?? ''} property, or change its operator in the protocol file.`,
      });
  }
  findings.push(...writtenProperties(protocol, properties));
  if (!findings.some((f) => f.severity === 'error'))
    findings.push(
      ok(
        HS,
        `Properties: the ${count(read.length, 'contact property', 'contact properties')} the protocol reads exist.`,
      ),
    );
  return findings;
}

function writtenProperties(protocol: Protocol, properties: ReadonlyMap<string, PortalProperty>): Finding[] {
  const written = hubspotProvisionSpec(protocol).properties;
  const missing = written.filter((spec) => properties.get(spec.name) === undefined);
  const differing = written.filter((spec) => {
    const property = properties.get(spec.name);
    return property !== undefined && property.type !== spec.type;
  });
  const findings: Finding[] = [];
  if (missing.length > 0)
    findings.push({
      crm: HS,
      severity: 'error',
      stopsStart: true,
      message: `${count(missing.length, "of leadpact's properties", "of leadpact's properties")} ${missing.length === 1 ? 'is' : 'are'} missing: ${missing.map((s) => s.name).join(', ')}.`,
      fix: 'Run `leadpact provision`: it creates the leadpact property group and its properties.',
    });
  if (differing.length > 0)
    findings.push({
      crm: HS,
      severity: 'error',
      message: `${differing.map((s) => `${s.name} is a ${properties.get(s.name)?.type ?? '?'} property, leadpact writes a ${s.type}`).join('; ')}.`,
      fix: 'Run `leadpact provision` to see what differs; a property whose type changed must be deleted and provisioned again.',
    });
  return findings;
}

/** The app's webhook subscriptions point at leadpact and cover what the protocol listens to. */
export async function checkWebhooks(
  protocol: Protocol,
  portal: HubSpotInspection,
  target: WebhookTarget & { readonly developerApiKey: string },
): Promise<Finding[]> {
  const setup = await portal.webhooks(target.appId, target.developerApiKey);
  const url = `${target.publicUrl}/webhooks/hubspot`;
  const findings: Finding[] = [];
  if (setup.targetUrl !== url)
    findings.push({
      crm: HS,
      severity: 'error',
      message:
        setup.targetUrl === null
          ? `The app ${target.appId} sends its webhooks nowhere: no target URL is set.`
          : `The app ${target.appId} sends its webhooks to ${setup.targetUrl}, not to leadpact (${url}).`,
      fix: "Run `leadpact provision` with PUBLIC_URL set, or set the target URL in the app's webhook settings.",
    });
  const active = new Set(
    setup.subscriptions.filter((s) => s.active).map((s) => `${s.eventType}:${s.propertyName ?? ''}`),
  );
  const missing = webhookSubscriptions(protocol).filter((s) => !active.has(`${s.eventType}:${s.propertyName ?? ''}`));
  if (missing.length > 0)
    findings.push({
      crm: HS,
      severity: 'error',
      message: `${count(missing.length, 'webhook subscription')} missing or paused: ${missing.map((s) => (s.propertyName === undefined ? s.eventType : `${s.eventType} (${s.propertyName})`)).join(', ')}; those changes reach leadpact only at the next reconciliation.`,
      fix: 'Run `leadpact provision` with HUBSPOT_APP_ID, HUBSPOT_DEVELOPER_API_KEY and PUBLIC_URL set; it subscribes to them.',
    });
  if (findings.length === 0)
    findings.push(
      ok(HS, `Webhooks: the app posts to ${url} and all ${count(active.size, 'subscription')} are active.`),
    );
  return findings;
}

const LOW_ALLOCATION = 0.1;

export async function checkHubSpotAllocation(portal: HubSpotInspection): Promise<Finding[]> {
  const usage = await portal.dailyUsage();
  if (usage === null) return [];
  const left = `${(usage.limit - usage.used).toLocaleString('en-US')} of ${usage.limit.toLocaleString('en-US')} daily API calls left`;
  if (usage.limit - usage.used < usage.limit * LOW_ALLOCATION)
    return [
      {
        crm: HS,
        severity: 'warning',
        message: `API allocation: only ${left}; leadpact pauses its HubSpot writes when none are left, until midnight in the account's time zone.`,
        fix: 'Find the other private apps that use the allocation (Settings → Integrations → Private Apps → Logs), or raise it with the API limit increase.',
      },
    ];
  return [ok(HS, `API allocation: ${left}.`)];
}

/** Without these the pipeline cannot read or write a contact: every lead would stop. */
const PIPELINE_SCOPES = new Set(['crm.objects.contacts.read', 'crm.objects.contacts.write']);

/** The private-app token holds every scope leadpact uses (token info), each missing one named with why. */
export async function checkHubSpotScopes(portal: HubSpotInspection): Promise<Finding[]> {
  const granted = await portal.scopes();
  const missing = missingScopes(granted, { campaignMetrics: true });
  const findings: Finding[] = missing.map((need) =>
    need.use === 'campaign-metrics'
      ? {
          crm: HS,
          severity: 'warning',
          message: `The private app lacks ${need.scope}, which leadpact uses when it ${need.why}; campaign metrics then go to Salesforce Campaigns only.`,
          fix: `Add ${need.scope} in HubSpot: ${SCOPES_SETTINGS_PATH} (campaign metrics in HubSpot need Marketing Hub Enterprise).`,
        }
      : {
          crm: HS,
          severity: 'error',
          ...(PIPELINE_SCOPES.has(need.scope) ? { stopsStart: true } : {}),
          message: `The private app lacks ${need.scope}: leadpact ${need.why}.`,
          fix: `Add ${need.scope} in HubSpot: ${SCOPES_SETTINGS_PATH}, then run \`leadpact doctor\` again.`,
        },
  );
  if (findings.length === 0)
    findings.push(
      ok(
        HS,
        `Scopes: the private app holds the ${count(requiredScopes({ campaignMetrics: true }).length, 'scope')} leadpact uses.`,
      ),
    );
  return findings;
}
