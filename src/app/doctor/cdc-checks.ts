import type { TopicAnswer } from '../../../connectors/salesforce/cdc-channel-probe';
import {
  changeEventOf,
  LEADPACT_CHANNEL,
  planChannel,
  type ChangeChannelAccess,
  type ChannelState,
} from '../../../connectors/salesforce/cdc-channel';
import {
  chooseChangeSource,
  LEADPACT_CDC_CHANNEL,
  type ChangeSourceEnv,
  type ChosenChangeSource,
} from '../../config/env-changes';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../shared/field-specs';
import { ok, type Finding } from './finding';

const SF = 'Salesforce' as const;
const GUIDE = 'README, "Following Salesforce through Change Data Capture"';

/** What doctor needs to check Change Data Capture: the settings, leadpact's channel, and a GetTopic call. */
export interface ChangeChecksDeps {
  readonly env: Pick<ChangeSourceEnv, 'source' | 'channel' | 'pubSubEndpoint'>;
  readonly channel: Pick<ChangeChannelAccess, 'read'>;
  /** GetTopic on the Pub/Sub API with the integration user's session. */
  readonly getTopic: (topic: string) => Promise<TopicAnswer>;
}

/** The org's channel and the source the service would choose from it, read once for every check. */
export interface ChangeFacts {
  readonly state: ChannelState | null;
  readonly chosen: ChosenChangeSource;
}

export async function changeFacts(deps: ChangeChecksDeps): Promise<ChangeFacts> {
  const state = await deps.channel.read();
  const usable = state !== null && state.channelType === 'data';
  const missing = usable ? planChannel(state, FOLLOWED_SALESFORCE_OBJECTS).add : [];
  const chosen = chooseChangeSource(deps.env, usable ? { exists: true, missing } : { exists: false });
  return { state: usable ? state : null, chosen };
}

/** leadpact's channel exists and carries every object leadpact follows. */
export function checkChannel(facts: ChangeFacts, env: ChangeChecksDeps['env']): Finding[] {
  const followed = FOLLOWED_SALESFORCE_OBJECTS.join(', ');
  const explicitOther = env.source === 'outbound' || env.source === 'poll';
  if (facts.state === null) {
    if (explicitOther || (env.channel !== undefined && env.channel !== LEADPACT_CDC_CHANNEL))
      return [ok(SF, `Change Data Capture channel ${LEADPACT_CHANNEL.fullName}: not in the org, and not used.`)];
    return [
      {
        crm: SF,
        severity: 'warning',
        message: `The org has no Change Data Capture channel ${LEADPACT_CHANNEL.fullName}: leadpact follows Salesforce through outbound messages${env.source === 'cdc' ? ` (and SALESFORCE_CHANGES=cdc subscribes to ${facts.chosen.channel})` : ''}.`,
        fix: `Run \`leadpact provision\` with an integration user that has Customize Application; it creates the channel with ${followed} (${GUIDE}).`,
      },
    ];
  }
  const missing = planChannel(facts.state, FOLLOWED_SALESFORCE_OBJECTS).add;
  if (missing.length === 0)
    return [ok(SF, `Change Data Capture channel ${LEADPACT_CHANNEL.fullName} carries ${followed}.`)];
  const objects = FOLLOWED_SALESFORCE_OBJECTS.filter((o) => missing.includes(changeEventOf(o)));
  return [
    {
      crm: SF,
      severity: 'warning',
      message: `The Change Data Capture channel ${LEADPACT_CHANNEL.fullName} lacks ${missing.join(', ')}: changes of ${objects.join(', ')} would reach leadpact only at reconciliation${env.source === undefined ? ', so leadpact follows Salesforce through outbound messages until it has them all' : ''}.`,
      fix: `Run \`leadpact provision\` (it adds the missing members), or add a PlatformEventChannelMember for each to ${LEADPACT_CHANNEL.fullName} (${GUIDE}).`,
    },
  ];
}

/** With Change Data Capture chosen: the Pub/Sub API answers GetTopic for the channel with leadpact's session. */
export async function checkPubSub(facts: ChangeFacts, deps: ChangeChecksDeps): Promise<Finding[]> {
  if (facts.chosen.source !== 'cdc') return [];
  const topic = facts.chosen.channel;
  const endpoint = deps.env.pubSubEndpoint;
  const answer = await deps.getTopic(topic);
  const error = (message: string, fix: string): Finding[] => [{ crm: SF, severity: 'error', message, fix }];
  if (answer.ok)
    return answer.canSubscribe
      ? [ok(SF, `Pub/Sub API at ${endpoint} answers for ${topic} with the integration user's session.`)]
      : error(
          `The integration user may not subscribe to ${topic} on the Pub/Sub API.`,
          `Give the integration user View All Data, or View All Records on each object the channel carries (${GUIDE}).`,
        );
  switch (answer.reason) {
    case 'unreachable':
      return error(
        `The Pub/Sub API at ${endpoint} (SALESFORCE_PUBSUB_ENDPOINT) did not answer: ${answer.detail}. No change would reach leadpact through Change Data Capture.`,
        'Check SALESFORCE_PUBSUB_ENDPOINT (api.pubsub.salesforce.com:7443 for every org) and that outbound gRPC over TLS to it is allowed; behind a TLS-inspecting proxy, set SALESFORCE_PUBSUB_CA_FILE to its certificate.',
      );
    case 'auth':
      return error(
        `The Pub/Sub API at ${endpoint} refused the integration user's session: ${answer.detail}.`,
        'Check the SALESFORCE_* credentials and that SALESFORCE_LOGIN_URL is the org the endpoint serves; the integration user needs API Enabled.',
      );
    case 'not_found':
      return error(
        `The Pub/Sub API has no channel ${topic} (SALESFORCE_CDC_CHANNEL) for this org.`,
        `Run \`leadpact provision\` to create ${LEADPACT_CDC_CHANNEL}, or set SALESFORCE_CDC_CHANNEL to a channel the org has (${GUIDE}).`,
      );
    default:
      return error(
        `The Pub/Sub API at ${endpoint} refused GetTopic for ${topic}: ${answer.detail}.`,
        `Check SALESFORCE_PUBSUB_ENDPOINT and SALESFORCE_CDC_CHANNEL (${GUIDE}).`,
      );
  }
}
