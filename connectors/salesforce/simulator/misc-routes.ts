import { orgLimits, recordCount } from './limits';
import { reply } from './reply';
import type { Route, RouteContext } from './router';

/**
 * The version root's resource list, with the caller's identity URL (jsforce's identity() reads it
 * on a token connection), and the org limits resources.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_discoveryresource.htm
 */
// Only the resources the simulator serves.
const RESOURCES = ['sobjects', 'query', 'queryAll', 'composite', 'tooling', 'limits'];

function versionRoot(context: RouteContext) {
  const base = `/services/data/v${context.req.version}`;
  const host = context.req.headers['host'] ?? 'localhost';
  return reply(200, {
    ...Object.fromEntries(RESOURCES.map((name) => [name, `${base}/${name}`])),
    identity: `http://${host}/id/${context.actor.orgId}/${context.actor.userId}`,
  });
}

export const MISC_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/', handler: versionRoot },
  { method: 'GET', pattern: '/limits', handler: (c) => reply(200, orgLimits(c.services.limits())) },
  { method: 'GET', pattern: '/limits/recordCount', handler: (c) => reply(200, recordCount(c)) },
];
