import { z } from 'zod';
import { webhookSubscriptions } from '../app/provision';
import { startSimulators, type RunningSimulators } from '../demo/simulators';
import { readProtocolFile } from '../service/protocol-source';
import { err, ok, type Result } from '../shared/result';
import { stringOption, usageError } from './cli-support';
import { parseWholeNumber } from '../shared/option-values';
import type { Command, CommandContext } from './command';
import { simSpec } from './command-specs';

export const simCommand: Command = { ...simSpec, run: runSim };

interface SimRequest {
  readonly salesforcePort: number;
  readonly hubspotPort: number;
  readonly webhookUrl: string | undefined;
  readonly salesforceChanges: 'cdc' | 'outbound' | 'both';
}

const CHANGES = ['cdc', 'outbound', 'both'] as const;

const webhookUrlSchema = z.url({ protocol: /^https?$/ });

function parseRequest(context: CommandContext): Result<SimRequest, string> {
  const port = (name: string) => parseWholeNumber(stringOption(context, name) ?? '0', name, 0, 65_535);
  const salesforcePort = port('salesforce-port');
  if (!salesforcePort.ok) return salesforcePort;
  const hubspotPort = port('hubspot-port');
  if (!hubspotPort.ok) return hubspotPort;
  if (salesforcePort.value !== 0 && salesforcePort.value === hubspotPort.value)
    return err('--salesforce-port and --hubspot-port must differ');
  const webhookUrl = stringOption(context, 'webhook-url');
  if (webhookUrl !== undefined && !webhookUrlSchema.safeParse(webhookUrl).success)
    return err(`--webhook-url expects an http(s) URL, got ${JSON.stringify(webhookUrl.slice(0, 80))}`);
  const changes = stringOption(context, 'salesforce-changes') ?? 'both';
  const salesforceChanges = CHANGES.find((c) => c === changes);
  if (salesforceChanges === undefined)
    return err(`--salesforce-changes expects cdc, outbound or both, got ${JSON.stringify(changes.slice(0, 40))}`);
  return ok({ salesforcePort: salesforcePort.value, hubspotPort: hubspotPort.value, webhookUrl, salesforceChanges });
}

/** The description, with the scopes the HubSpot private app's token carries (the token info shows the same). */
function withScopes(simulators: RunningSimulators) {
  const { description } = simulators;
  return { ...description, hubspot: { ...description.hubspot, scopes: simulators.hubspot.scopes() } };
}

async function runSim(context: CommandContext): Promise<number> {
  if (context.positionals.length > 0)
    return usageError(simCommand, context, `unexpected argument ${JSON.stringify(context.positionals[0])}`);
  const request = parseRequest(context);
  if (!request.ok) return usageError(simCommand, context, request.error);
  const { salesforcePort, hubspotPort, webhookUrl, salesforceChanges } = request.value;
  // The subscriptions follow the properties the protocol reads, as `leadpact provision` would make them.
  const subscriptions =
    webhookUrl === undefined ? [] : webhookSubscriptions((await readProtocolFile(context.env.protocolFile)).protocol);
  let simulators: RunningSimulators;
  try {
    simulators = await startSimulators({
      salesforcePort,
      hubspotPort,
      subscriptions,
      salesforceChanges,
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    context.err.write(
      `leadpact sim: a port is already in use (${[salesforcePort, hubspotPort].filter((p) => p !== 0).join(', ')}); pick others or omit the port options\n`,
    );
    return 1;
  }
  context.out.write(`${JSON.stringify(withScopes(simulators))}\n`);
  const signal = await context.stopRequested;
  context.err.write(`leadpact sim: ${signal}: stopping the simulators\n`);
  await simulators.close();
  return 0;
}
