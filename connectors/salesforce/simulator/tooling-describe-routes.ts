import { describeGlobal, describeObject, objectInfo } from './describe';
import { withEventChannels } from './event-channels';
import { notFound, reply } from './reply';
import type { Route, RouteContext } from './router';
import { ObjectSchema } from './schema/registry';
import type { SoqlCatalog } from './soql/catalog';

/**
 * Describe in the Tooling API: the list of its objects the simulator serves (GET /tooling/sobjects)
 * and each one's basic information and describe, in the REST API's shapes (jsforce's
 * tooling.describeGlobal() and tooling.sobject(type).describe()).
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/intro_rest_resources.htm
 */

const TOOLING_OBJECTS = [
  'CustomField',
  'WorkflowOutboundMessage',
  'ValidationRule',
  'PlatformEventChannel',
  'PlatformEventChannelMember',
];

function catalog(context: RouteContext): SoqlCatalog {
  return withEventChannels(context.services.tooling.catalog(), context.actor);
}

function schemas(context: RouteContext): ObjectSchema[] {
  const known = catalog(context);
  return TOOLING_OBJECTS.flatMap((name) => {
    const object = known.object(name);
    return object instanceof ObjectSchema ? [object] : [];
  });
}

function schemaOf(context: RouteContext): ObjectSchema {
  const object = catalog(context).object(context.params['type'] ?? '');
  if (!(object instanceof ObjectSchema)) throw notFound();
  return object;
}

const TOOLING = 'tooling/sobjects';

export const TOOLING_DESCRIBE_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/tooling/sobjects',
    handler: (c) => reply(200, describeGlobal(schemas(c), c.req.version, TOOLING)),
  },
  {
    method: 'GET',
    pattern: '/tooling/sobjects/:type/describe',
    handler: (c) => reply(200, describeObject(schemaOf(c), c.req.version, TOOLING)),
  },
  {
    method: 'GET',
    pattern: '/tooling/sobjects/:type',
    handler: (c) => reply(200, objectInfo(schemaOf(c), c.req.version, TOOLING)),
  },
];
