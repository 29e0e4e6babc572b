import { planChannel, type ChangeChannelAccess } from '../../connectors/salesforce/cdc-channel';
import { probeTopic } from '../../connectors/salesforce/cdc-channel-probe';
import type { ChangeChecksDeps } from '../app/doctor/cdc-checks';
import {
  chooseChangeSource,
  needsChannelCheck,
  type ChangeSourceEnv,
  type ChosenChangeSource,
  type LeadpactChannelState,
} from '../config/env-changes';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../shared/field-specs';
import type { Logger } from '../shared/logger';
import type { Connectors } from './connectors';

/**
 * How this worker follows Salesforce, decided once at start: what SALESFORCE_CHANGES and
 * SALESFORCE_CDC_CHANNEL say, and for what they leave unset, whether the org has leadpact's
 * channel (one Tooling query). The choice and its reason are logged.
 */
export async function chooseChangeSourceAtStart(
  env: ChangeSourceEnv,
  channel: Pick<ChangeChannelAccess, 'read'>,
  logger: Logger,
): Promise<ChosenChangeSource> {
  const org = needsChannelCheck(env) ? await channelState(channel, logger) : { exists: false as const };
  const chosen = chooseChangeSource(env, org);
  logger.info({ source: chosen.source, channel: chosen.channel }, chosen.reason);
  return chosen;
}

async function channelState(channel: Pick<ChangeChannelAccess, 'read'>, logger: Logger): Promise<LeadpactChannelState> {
  try {
    const state = await channel.read();
    if (state === null || state.channelType !== 'data') return { exists: false };
    return { exists: true, missing: planChannel(state, FOLLOWED_SALESFORCE_OBJECTS).add };
  } catch (error) {
    logger.warn({ err: error }, "could not read the org's Change Data Capture channels");
    return null;
  }
}

/** What doctor (and the start's preflight) needs to check Change Data Capture: the settings, the channel, GetTopic. */
export function changeChecks(
  env: ChangeSourceEnv,
  connectors: Pick<Connectors, 'salesforcePubSub'> & { readonly salesforceChannel: Pick<ChangeChannelAccess, 'read'> },
  timeoutMs = 10_000,
): ChangeChecksDeps {
  return {
    env,
    channel: connectors.salesforceChannel,
    getTopic: (topic) =>
      probeTopic({
        endpoint: env.pubSubEndpoint,
        trustedCertificate: env.trustedCertificate,
        topic,
        session: connectors.salesforcePubSub.pubSubSession(),
        timeoutMs,
      }),
  };
}

/** The channel read once: the start's preflight and its choice of source share one Tooling read. */
export function readOnce(channel: Pick<ChangeChannelAccess, 'read'>): Pick<ChangeChannelAccess, 'read'> {
  let read: ReturnType<ChangeChannelAccess['read']> | undefined;
  return { read: () => (read ??= channel.read()) };
}
