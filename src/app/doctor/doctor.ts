import type { HubSpotInspection } from '../../../connectors/hubspot/portal-inspection';
import type { SalesforceInspection } from '../../../connectors/salesforce/org-inspection';
import type { Protocol } from '../../protocol';
import { CrmError } from '../../shared/errors';
import type { WebhookTarget } from '../provision';
import { checkAlertSecrets } from './alert-checks';
import { changeFacts, checkChannel, checkPubSub, type ChangeChecksDeps, type ChangeFacts } from './cdc-checks';
import { notChecked, ok, type Finding } from './finding';
import { chooseChangeSource } from '../../config/env-changes';
import { checkHubSpotAllocation, checkHubSpotProperties, checkHubSpotScopes, checkWebhooks } from './hubspot-checks';
import { checkOrgRules, checkRecordTypes, checkValidationRules } from './org-rule-checks';
import {
  checkFieldAccess,
  checkOutboundMessages,
  checkRoutingPeople,
  checkSalesforceAllocation,
} from './salesforce-checks';
import { requiredAccess } from '../../../connectors/salesforce/provision-access';
import { salesforceAccessNeeds, salesforceFieldSpecs } from '../provision-specs';

export type { Finding } from './finding';

export interface DoctorDeps {
  readonly protocol: Protocol;
  readonly salesforce: SalesforceInspection;
  readonly hubspot: HubSpotInspection;
  /** The app's webhooks, when its developer API key is configured; without it they cannot be checked. */
  readonly webhooks?: WebhookTarget & { readonly developerApiKey: string };
  /** PUBLIC_URL, when set: where outbound messages and webhooks must send. */
  readonly publicUrl?: string;
  /** The environment's variables by name, for the secrets the protocol's alert channels name. */
  readonly variable?: (name: string) => string | undefined;
  /** How leadpact follows Salesforce: with it, doctor checks Change Data Capture (the channel, the Pub/Sub API). */
  readonly changes?: ChangeChecksDeps;
  /** Each check as it starts ("Salesforce: routing users and queue"), for a progress line. */
  readonly onCheck?: (name: string) => void;
}

export interface DoctorReport {
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
  /** What `start` refuses to start on: every hand-off would fail. */
  readonly stopsStart: readonly Finding[];
}

interface Check {
  readonly crm: Finding['crm'];
  /** Said as "Could not check <what>". */
  readonly what: string;
  readonly run: () => Promise<Finding[]>;
}

function checks(deps: DoctorDeps): Check[] {
  const { protocol, salesforce, hubspot, webhooks } = deps;
  return [
    {
      crm: 'Salesforce',
      what: 'the users and queue the routing names',
      run: () => checkRoutingPeople(protocol, salesforce),
    },
    {
      crm: 'Salesforce',
      what: "the integration user's field access",
      run: () =>
        checkFieldAccess(
          requiredAccess(salesforceFieldSpecs(protocol), salesforceAccessNeeds(protocol)).integration,
          salesforce,
        ),
    },
    { crm: 'Salesforce', what: "the org's own rules", run: () => checkOrgRules(protocol, salesforce) },
    { crm: 'Salesforce', what: "the org's validation rules", run: () => checkValidationRules(salesforce) },
    {
      crm: 'Salesforce',
      what: 'the record types the protocol names',
      run: () => checkRecordTypes(protocol, salesforce),
    },
    ...salesforceChangeChecks(deps),
    { crm: 'Salesforce', what: 'the daily API allocation', run: () => checkSalesforceAllocation(salesforce) },
    { crm: 'HubSpot', what: "the private app's scopes", run: () => checkHubSpotScopes(hubspot) },
    { crm: 'HubSpot', what: 'the contact properties', run: () => checkHubSpotProperties(protocol, hubspot) },
    webhooks === undefined
      ? {
          crm: 'HubSpot',
          what: 'the webhook subscriptions',
          run: () =>
            Promise.resolve([
              {
                crm: 'HubSpot',
                severity: 'warning',
                message:
                  "The webhook subscriptions were not checked: they are managed with the app's developer API key, which is not configured.",
                fix: 'Set HUBSPOT_APP_ID, HUBSPOT_DEVELOPER_API_KEY and PUBLIC_URL to have doctor check them (and provision manage them), or compare them by hand with what `leadpact provision` prints.',
              },
            ]),
        }
      : { crm: 'HubSpot', what: 'the webhook subscriptions', run: () => checkWebhooks(protocol, hubspot, webhooks) },
    { crm: 'HubSpot', what: 'the daily API allocation', run: () => checkHubSpotAllocation(hubspot) },
    {
      crm: 'Alerts',
      what: "the alert channels' secrets",
      run: () => Promise.resolve(checkAlertSecrets(protocol, deps.variable ?? (() => undefined))),
    },
  ];
}

/**
 * How Salesforce changes reach leadpact: outbound messages, or with Change Data Capture chosen
 * (SALESFORCE_CHANGES=cdc, or unset and the org has leadpact's channel) the channel and the
 * Pub/Sub API instead. The org's channel is read once for all three.
 */
function salesforceChangeChecks(deps: DoctorDeps): Check[] {
  const outbound = () => checkOutboundMessages(deps.salesforce, deps.publicUrl ?? null);
  const changes = deps.changes;
  if (changes === undefined) return [{ crm: 'Salesforce', what: 'the outbound messages', run: outbound }];
  let read: Promise<ChangeFacts> | undefined;
  const facts = () => (read ??= changeFacts(changes));
  const unread = (): ChangeFacts => ({ state: null, chosen: chooseChangeSource(changes.env, null) });
  return [
    {
      crm: 'Salesforce',
      what: 'the outbound messages',
      run: async () => {
        const { chosen } = await facts().catch(unread);
        return chosen.source === 'cdc'
          ? [
              ok(
                'Salesforce',
                `Outbound messages: not needed, leadpact follows ${chosen.channel} (Change Data Capture).`,
              ),
            ]
          : outbound();
      },
    },
    {
      crm: 'Salesforce',
      what: `the Change Data Capture channel`,
      run: async () => checkChannel(await facts(), changes.env),
    },
    {
      crm: 'Salesforce',
      what: 'the Pub/Sub API',
      run: async () => checkPubSub(await facts().catch(unread), changes),
    },
  ];
}

/**
 * Checks against the live CRMs everything the protocol and the configuration name. Each check
 * runs on its own: one the CRM cannot answer becomes a warning saying so, and the rest still run.
 * A refused login is not "could not check" but the first thing to fix, so it is an error.
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const findings: Finding[] = [];
  for (const check of checks(deps)) {
    deps.onCheck?.(`${check.crm}: ${check.what}`);
    try {
      findings.push(...(await check.run()));
    } catch (error) {
      if (error instanceof CrmError && error.code === 'CRM_AUTH_FAILED')
        findings.push({
          crm: check.crm,
          severity: 'error',
          stopsStart: true,
          message: `${check.crm} refused leadpact's credentials: ${error.message}`,
          fix: `Check the ${check.crm === 'Salesforce' ? 'SALESFORCE_*' : 'HUBSPOT_ACCESS_TOKEN'} settings (README, "Configuration").`,
        });
      else findings.push(notChecked(check.crm, check.what, error));
    }
  }
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    stopsStart: findings.filter((f) => f.severity === 'error' && f.stopsStart === true),
  };
}
