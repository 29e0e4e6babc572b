import { z } from 'zod';
import type { Actor } from './org';
import { badRequest, notFound, reply, SfApiError, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import { datetime, systemFields, text, type FieldDef } from './schema/field';
import { normalizeId } from './schema/ids';
import { ObjectSchema } from './schema/registry';
import { formatDateTime } from './schema/values';
import type { SoqlCatalog, SoqlRow } from './soql/catalog';

/**
 * The Tooling API's PlatformEventChannel (a custom channel, FullName Name__chn) and
 * PlatformEventChannelMember (one change event a channel carries, e.g. LeadChangeEvent), as a
 * Change Data Capture setup creates them. The standard ChangeEvents channel always exists and
 * takes members without being created. Rows live in the org's store, so reset clears them.
 *
 * As the platform documents it: creating or deleting either takes "Customize Application", reading
 * them "View Setup and Configuration"; a DeveloperName (a channel's FullName without __chn, a
 * member's FullName) begins with a letter, holds only letters, digits and single underscores, does
 * not end with one, and is unique in the org; a channel selects an entity once.
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_platformeventchannel.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_platformeventchannelmember.htm
 */

const CHANNEL = 'PlatformEventChannel';
const MEMBER = 'PlatformEventChannelMember';
const STANDARD_CHANNEL = 'ChangeEvents';
const PREFIXES: Readonly<Record<string, string>> = { [CHANNEL]: '0YL', [MEMBER]: '0v8' };

const metadataField: FieldDef = { ...text('Metadata', 'Metadata', 0), type: 'complexvalue' };
const common = [
  ...systemFields(false).filter((f) => f.name === 'Id'),
  text('DeveloperName', 'Developer Name', 80),
  text('FullName', 'Full Name', 255),
  metadataField,
  datetime('CreatedDate', 'Created Date', { readOnly: true }),
  datetime('LastModifiedDate', 'Last Modified Date', { readOnly: true }),
];
const toolingObject = (name: string, fields: FieldDef[]) =>
  new ObjectSchema({
    name,
    label: name,
    labelPlural: name,
    keyPrefix: PREFIXES[name] ?? '',
    createable: true,
    updateable: false,
    deletable: true,
    softDelete: false,
    fields: [...common, ...fields],
  });
const OBJECTS = new Map([
  [
    CHANNEL.toLowerCase(),
    toolingObject(CHANNEL, [text('MasterLabel', 'Label', 80), text('ChannelType', 'Channel Type', 20)]),
  ],
  [
    MEMBER.toLowerCase(),
    toolingObject(MEMBER, [text('EventChannel', 'Event Channel', 80), text('SelectedEntity', 'Selected Entity', 80)]),
  ],
]);

/** DeveloperName rules of both objects (the channel's name is checked without its __chn suffix). */
const DEVELOPER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;
const developerName = z.string().max(80).regex(DEVELOPER_NAME);

const channelBody = z.object({
  FullName: z
    .string()
    .regex(/__chn$/)
    .refine((name) => DEVELOPER_NAME.test(name.slice(0, -'__chn'.length)) && name.length <= 85),
  Metadata: z.object({ channelType: z.enum(['event', 'data']), label: z.string().min(1) }),
});
const memberBody = z.object({
  FullName: developerName,
  Metadata: z.object({ eventChannel: z.string().min(1), selectedEntity: z.string().min(1) }),
});

/** The Special Access Rules of both objects: change them with Customize Application, read them with View Setup. */
function checkAccess(actor: Actor, change: boolean): void {
  const access = actor.access;
  if (access === undefined) return;
  if (change ? access.has('PermissionsCustomizeApplication') : access.has('PermissionsViewSetup')) return;
  throw new SfApiError(
    403,
    'INSUFFICIENT_ACCESS',
    change
      ? 'insufficient access rights: creating or deleting an event channel takes the Customize Application permission'
      : 'insufficient access rights: reading event channels takes the View Setup and Configuration permission',
  );
}

function rowsOf(actor: Actor, object: string): SoqlRow[] {
  checkAccess(actor, false);
  return actor.store.rows(object).map((row) => ({ ...row }));
}

function taken(actor: Actor, object: string, name: string): boolean {
  return actor.store.rows(object).some((row) => String(row['DeveloperName']).toLowerCase() === name.toLowerCase());
}

/** The entity a member selects: the change event of an object this org has (Lead → LeadChangeEvent). */
function checkEntity(actor: Actor, entity: string): void {
  const match = /^(.+?)(?:__)?ChangeEvent$/.exec(entity);
  const object = match === null ? undefined : entity.endsWith('__ChangeEvent') ? `${match[1] ?? ''}__c` : match[1];
  if (object === undefined || actor.registry.object(object) === undefined)
    throw badRequest(
      'FIELD_INTEGRITY_EXCEPTION',
      `selectedEntity: ${entity} is not a change event of an object of this org`,
    );
}

function create(context: RouteContext, object: string): Reply {
  const { actor } = context;
  checkAccess(actor, true);
  const now = actor.now();
  let row: Record<string, string | number | null>;
  if (object === CHANNEL) {
    const body = channelBody.safeParse(context.req.body);
    if (!body.success)
      throw badRequest(
        'FIELD_INTEGRITY_EXCEPTION',
        'A channel needs FullName Name__chn (letters, digits and single underscores, beginning with a letter) and Metadata {channelType, label}',
      );
    const name = body.data.FullName.replace(/__chn$/, '');
    if (taken(actor, CHANNEL, name))
      throw badRequest('DUPLICATE_DEVELOPER_NAME', `A channel named ${body.data.FullName} already exists`);
    row = {
      DeveloperName: name,
      FullName: body.data.FullName,
      MasterLabel: body.data.Metadata.label,
      ChannelType: body.data.Metadata.channelType,
    };
  } else {
    const body = memberBody.safeParse(context.req.body);
    if (!body.success)
      throw badRequest(
        'FIELD_INTEGRITY_EXCEPTION',
        'A member needs FullName (letters, digits and single underscores, beginning with a letter) and Metadata {eventChannel, selectedEntity}',
      );
    const { eventChannel, selectedEntity } = body.data.Metadata;
    const channel = actor.store.rows(CHANNEL).find((c) => c['FullName'] === eventChannel);
    if (channel === undefined && eventChannel !== STANDARD_CHANNEL)
      throw badRequest('FIELD_INTEGRITY_EXCEPTION', `eventChannel: no channel named ${eventChannel}; create it first`);
    checkEntity(actor, selectedEntity);
    if (
      actor.store.rows(MEMBER).some((m) => m['EventChannel'] === eventChannel && m['SelectedEntity'] === selectedEntity)
    )
      throw badRequest('DUPLICATE_VALUE', `${selectedEntity} is already a member of ${eventChannel}`);
    if (taken(actor, MEMBER, body.data.FullName))
      throw badRequest('DUPLICATE_DEVELOPER_NAME', `A channel member named ${body.data.FullName} already exists`);
    row = {
      DeveloperName: body.data.FullName,
      FullName: body.data.FullName,
      EventChannel: eventChannel,
      SelectedEntity: selectedEntity,
    };
  }
  const id = actor.ids.next(PREFIXES[object] ?? '');
  const metadata = JSON.stringify((context.req.body as { Metadata: unknown }).Metadata);
  actor.store.put(object, { ...row, Id: id, Metadata: metadata, CreatedDate: now, LastModifiedDate: now });
  return reply(
    201,
    { id, success: true, errors: [] },
    { Location: `/services/data/v${context.req.version}/tooling/sobjects/${object}/${id}` },
  );
}

function found(context: RouteContext, object: string, change = false): Record<string, unknown> {
  checkAccess(context.actor, change);
  const id = normalizeId(context.params['id'] ?? '');
  const row = id === undefined ? undefined : context.actor.store.get(object, id);
  if (row === undefined) throw notFound();
  return row;
}

function retrieve(context: RouteContext, object: string): Reply {
  const row = found(context, object);
  return reply(200, {
    attributes: {
      type: object,
      url: `/services/data/v${context.req.version}/tooling/sobjects/${object}/${String(row['Id'])}`,
    },
    ...row,
    Metadata: JSON.parse(String(row['Metadata'])) as unknown,
    CreatedDate: formatDateTime(Number(row['CreatedDate'])),
    LastModifiedDate: formatDateTime(Number(row['LastModifiedDate'])),
  });
}

function destroy(context: RouteContext, object: string): Reply {
  const row = found(context, object, true);
  if (object === CHANNEL && context.actor.store.rows(MEMBER).some((m) => m['EventChannel'] === row['FullName']))
    throw new SfApiError(
      400,
      'DELETE_FAILED',
      `Channel ${String(row['FullName'])} still has members; delete them first`,
    );
  context.actor.store.remove(object, String(row['Id']));
  return reply(204);
}

/** The tooling query catalog with the channel objects added to `inner`'s. */
export function withEventChannels(inner: SoqlCatalog, actor: Actor): SoqlCatalog {
  return {
    object: (name) => OBJECTS.get(name.toLowerCase()) ?? inner.object(name),
    rows: (object, includeDeleted) => {
      const schema = OBJECTS.get(object.toLowerCase());
      return schema === undefined ? inner.rows(object, includeDeleted) : rowsOf(actor, schema.name);
    },
    resolve: (id) => {
      for (const schema of OBJECTS.values()) {
        const row = actor.store.get(schema.name, id);
        if (row !== undefined) return { object: schema.name, row };
      }
      return inner.resolve(id);
    },
    now: () => inner.now(),
  };
}

export const EVENT_CHANNEL_ROUTES: readonly Route[] = [CHANNEL, MEMBER].flatMap((object): Route[] => [
  { method: 'POST', pattern: `/tooling/sobjects/${object}`, handler: (c) => create(c, object) },
  { method: 'GET', pattern: `/tooling/sobjects/${object}/:id`, handler: (c) => retrieve(c, object) },
  { method: 'DELETE', pattern: `/tooling/sobjects/${object}/:id`, handler: (c) => destroy(c, object) },
]);
