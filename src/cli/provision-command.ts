import { changedNothing, provision, webhookSubscriptions, type ProvisionOutcome } from '../app/provision';
import type { Protocol } from '../protocol';
import { connectorsFromEnv } from '../service/connectors';
import { readProtocolFile } from '../service/protocol-source';
import type { ProvisionReport } from '../shared/crm-port';
import { flag, stderrLogger, usageError } from './cli-support';
import type { Command, CommandContext } from './command';
import { provisionSpec } from './command-specs';

export const provisionCommand: Command = { ...provisionSpec, run: runProvision };

async function runProvision(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(provisionCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const { protocol } = await readProtocolFile(context.env.protocolFile);
  const connectors = await connectorsFromEnv(context.env, stderrLogger(context.env, 'provision'));
  try {
    const { appId, developerApiKey } = context.env.hubspot;
    // Subscriptions need the app, its developer key and the URL HubSpot will post to.
    const webhooks =
      appId !== undefined && developerApiKey !== undefined && context.env.publicUrlSet
        ? { appId, publicUrl: context.env.publicUrl }
        : undefined;
    const outcome = await provision({
      protocol,
      salesforce: connectors.salesforce,
      hubspot: connectors.hubspot,
      changeChannel: connectors.salesforceChannel,
      ...(webhooks === undefined ? {} : { webhooks }),
    });
    context.out.write(describe(outcome, flag(context, 'verbose')));
    if (webhooks === undefined) context.out.write(webhookNote(protocol, appId));
    return 0;
  } finally {
    await connectors.close();
  }
}

function section(title: string, report: ProvisionReport, verbose: boolean): string[] {
  return [
    `${title}: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged`,
    ...report.created.map((name) => `  created    ${name}`),
    ...report.updated.map((name) => `  updated    ${name}`),
    ...(verbose ? report.unchanged.map((name) => `  unchanged  ${name}`) : []),
  ];
}

function describe(outcome: ProvisionOutcome, verbose: boolean): string {
  const lines = [
    ...section('Salesforce custom fields', outcome.salesforce, verbose),
    ...section('Salesforce access (permission sets)', outcome.salesforce.access, verbose),
    ...section('HubSpot property group and properties', outcome.hubspot, verbose),
  ];
  const parts = [
    ['HubSpot campaign-metrics object', outcome.hubspotObject],
    ['Salesforce Change Data Capture channel', outcome.changeChannel],
  ] as const;
  for (const [title, report] of parts) {
    if (report === undefined) continue;
    lines.push(...('skipped' in report ? [`${title}: skipped — ${report.skipped}`] : section(title, report, verbose)));
  }
  lines.push(changedNothing(outcome) ? 'Nothing changed: everything was already provisioned.' : 'Provisioned.');
  return `${lines.join('\n')}\n`;
}

/**
 * HubSpot manages webhook subscriptions through the webhooks v3 API, which takes the app's
 * developer API key, not the private app token; without it (or the app id, or PUBLIC_URL) the
 * operator is told exactly what to subscribe to, in the app's settings.
 * https://developers.hubspot.com/docs/api/webhooks
 */
function webhookNote(protocol: Protocol, appId: string | undefined): string {
  const subscriptions = webhookSubscriptions(protocol);
  const events = subscriptions.filter((s) => s.propertyName === undefined).map((s) => s.eventType);
  const properties = subscriptions.flatMap((s) => (s.propertyName === undefined ? [] : [s.propertyName]));
  return [
    '',
    `HubSpot webhook subscriptions were not changed: set HUBSPOT_APP_ID${appId === undefined ? '' : ` (${appId})`}, HUBSPOT_DEVELOPER_API_KEY and PUBLIC_URL to have provision manage them, or`,
    "In the app's webhook settings, set the target URL to PUBLIC_URL/webhooks/hubspot and subscribe to",
    `  ${events.join(', ')},`,
    `  and contact.propertyChange for: ${properties.join(', ')}.`,
    '',
  ].join('\n');
}
