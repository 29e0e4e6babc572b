import { z } from 'zod';
import type { ProvisionReport } from '../../src/shared/crm-port';
import { CrmError } from '../../src/shared/errors';
import type { Logger } from '../../src/shared/logger';
import { SalesforceHttp } from './salesforce-http';
import { toolingCreateSchema } from './salesforce.schema';

/**
 * leadpact's Change Data Capture channel: one custom channel (Tooling API PlatformEventChannel,
 * channelType "data") whose members (PlatformEventChannelMember, one per change event) are the
 * objects leadpact follows, so its subscriber receives those changes and nothing else.
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_platformeventchannel.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_platformeventchannelmember.htm
 * Creating either takes "Customize Application"; reading them, "View Setup and Configuration".
 */

export const LEADPACT_CHANNEL = { fullName: 'Leadpact__chn', developerName: 'Leadpact', label: 'leadpact' } as const;

/** The Pub/Sub API topic of a custom channel: /data/Name__chn. */
export const channelTopic = (fullName: string): string => `/data/${fullName}`;

/** The change event of an object: Lead → LeadChangeEvent, Invoice__c → Invoice__ChangeEvent. */
export function changeEventOf(object: string): string {
  return object.endsWith('__c') ? `${object.slice(0, -1)}ChangeEvent` : `${object}ChangeEvent`;
}

/** A member's name as the platform forms it: the channel's, its "__" made "_", then the event's (Leadpact_chn_LeadChangeEvent). */
export function memberName(channel: string, event: string): string {
  return `${channel.replace(/__chn$/, '_chn')}_${event.replace(/__/g, '_')}`;
}

/** What the org holds of a channel: null when it has none of that name. */
export interface ChannelState {
  readonly id: string;
  readonly channelType: string;
  /** The change events it carries (SelectedEntity). */
  readonly events: readonly string[];
}

export interface ChannelPlan {
  readonly createChannel: boolean;
  /** Change events to add as members. */
  readonly add: readonly string[];
  readonly unchanged: readonly string[];
}

/** What provisioning the channel for these objects does to what the org holds. */
export function planChannel(state: ChannelState | null, objects: readonly string[]): ChannelPlan {
  const wanted = objects.map(changeEventOf);
  const held = new Set((state?.events ?? []).map((e) => e.toLowerCase()));
  return {
    createChannel: state === null,
    add: wanted.filter((e) => !held.has(e.toLowerCase())),
    unchanged: wanted.filter((e) => held.has(e.toLowerCase())),
  };
}

const channelRows = z.looseObject({
  records: z.array(z.looseObject({ Id: z.string(), DeveloperName: z.string(), ChannelType: z.string().nullish() })),
});
const memberRows = z.looseObject({
  records: z.array(z.looseObject({ EventChannel: z.string().nullish(), SelectedEntity: z.string().nullish() })),
});

const key15 = (id: string): string => id.slice(0, 15);

/**
 * The channel and its members, as the documented Tooling queries list them. A member names its
 * channel by FullName or by Id depending on the API version; both are recognised.
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_filter_list_channels.htm
 */
export async function readChannel(
  http: SalesforceHttp,
  channel: string = LEADPACT_CHANNEL.fullName,
): Promise<ChannelState | null> {
  const name = channel.replace(/__chn$/, '');
  const query = (soql: string) => ({ method: 'GET' as const, url: `/tooling/query?q=${encodeURIComponent(soql)}` });
  const channels = await http.send(
    'cdc channel',
    channelRows,
    query(`SELECT Id, DeveloperName, ChannelType FROM PlatformEventChannel WHERE DeveloperName = '${name}'`),
  );
  const row = channels.records.find((r) => r.DeveloperName.toLowerCase() === name.toLowerCase());
  if (row === undefined) return null;
  const members = await http.send(
    'cdc channel',
    memberRows,
    query('SELECT Id, EventChannel, SelectedEntity FROM PlatformEventChannelMember'),
  );
  const ours = (ref: string | null | undefined): boolean =>
    ref != null && (ref.toLowerCase() === channel.toLowerCase() || key15(ref) === key15(row.Id));
  return {
    id: row.Id,
    channelType: row.ChannelType ?? 'data',
    events: members.records.flatMap((m) =>
      ours(m.EventChannel) && m.SelectedEntity != null ? [m.SelectedEntity] : [],
    ),
  };
}

/**
 * Creates leadpact's channel when the org has none and adds each followed object it lacks; a
 * second run changes nothing. Members it does not know are left alone (an admin's choice).
 */
export async function provisionChannel(
  http: SalesforceHttp,
  log: Logger,
  objects: readonly string[],
): Promise<ProvisionReport> {
  const { fullName, label } = LEADPACT_CHANNEL;
  const state = await readChannel(http, fullName);
  if (state !== null && state.channelType !== 'data')
    throw new CrmError(
      'salesforce',
      'CRM_CONFLICT',
      `The org's channel ${fullName} carries platform events, not change events: delete it (Tooling API PlatformEventChannel ${state.id}) and run leadpact provision again`,
    );
  const plan = planChannel(state, objects);
  const create = (object: string, body: unknown) =>
    http.send('provision', toolingCreateSchema, SalesforceHttp.json('POST', `/tooling/sobjects/${object}`, body));
  if (plan.createChannel)
    await create('PlatformEventChannel', { FullName: fullName, Metadata: { channelType: 'data', label } });
  for (const event of plan.add)
    await create('PlatformEventChannelMember', {
      FullName: memberName(fullName, event),
      Metadata: { eventChannel: fullName, selectedEntity: event },
    });
  log.info(
    { channel: fullName, createdChannel: plan.createChannel, added: plan.add.length },
    'salesforce change data capture channel provisioned',
  );
  return {
    created: [...(plan.createChannel ? [`channel:${fullName}`] : []), ...plan.add.map((e) => `member:${e}`)],
    updated: [],
    unchanged: [...(plan.createChannel ? [] : [`channel:${fullName}`]), ...plan.unchanged.map((e) => `member:${e}`)],
  };
}

/** leadpact's channel in one org: what provision, doctor and the start ask of it. */
export interface ChangeChannelAccess {
  read(): Promise<ChannelState | null>;
  provision(objects: readonly string[]): Promise<ProvisionReport>;
}

export function changeChannelAccess(http: SalesforceHttp, log: Logger): ChangeChannelAccess {
  return {
    read: () => readChannel(http, LEADPACT_CHANNEL.fullName),
    provision: (objects) => provisionChannel(http, log, objects),
  };
}
