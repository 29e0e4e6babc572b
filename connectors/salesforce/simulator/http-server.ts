import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallCounter, ApiUsage } from './api-usage';
import type { FaultInjector } from './faults';
import type { Org } from './org';
import { reply, SfApiError, type Reply } from './reply';
import { matchRoute, pathKnown, routeName, type Route, type RouteRequest, type Services } from './router';
import type { SessionStore } from './sessions';
import { identityUrl, isIdentityPath, userInfo } from './identity';
import { tokenForm } from './oauth';
import { ruleRequest } from './org-rules';
import { OLDEST_API_VERSION } from './versions';

/**
 * The simulator's HTTP front: body reading, faults, OAuth, the control surface, and for
 * /services/data/vNN.N the platform's order of checks — session, then daily allocation, then the
 * route. Every JSON answer carries Content-Type application/json;charset=UTF-8 (jsforce parses
 * error bodies only with it).
 */

export interface FrontDeps {
  readonly org: Org;
  readonly routes: readonly Route[];
  readonly services: Services;
  readonly sessions: SessionStore;
  readonly usage: ApiUsage;
  readonly counter: CallCounter;
  readonly faults: FaultInjector;
  readonly maxVersion: number;
  /** /services/oauth2/token and revoke, /services/data: answered before any API accounting. */
  readonly special: (method: string, path: string, body: Buffer) => Reply | undefined;
  /** /__sim/*: the control surface. */
  readonly control: (method: string, path: string, body: Buffer) => Promise<Reply>;
}

const MAX_BODY = 50 * 1024 * 1024;
const API_PATH = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;
const SESSION_EXPIRED = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new SfApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Reply, now: number): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { Date: new Date(now).toUTCString(), ...answer.headers };
  if (answer.text !== undefined) {
    res.writeHead(answer.status, { ...headers, 'Content-Type': answer.text.contentType });
    res.end(answer.text.body);
  } else if (answer.body === undefined || answer.status === 204) {
    res.writeHead(answer.status, headers);
    res.end();
  } else {
    res.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(answer.body));
  }
}

function faultReply(status: number): Reply {
  if (status === 500)
    return reply(500, [
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1971306218-42 (-1)',
      },
    ]);
  if (status === 503)
    return reply(503, [
      { errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable, please try again later' },
    ]);
  // A gateway in front of the instance answers 502/504 with an HTML page, not the API's JSON.
  return {
    status,
    text: {
      contentType: 'text/html',
      body: `<html><body><h1>${status} ${status === 502 ? 'Bad Gateway' : 'Gateway Timeout'}</h1></body></html>`,
    },
  };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new SfApiError(
      400,
      'JSON_PARSER_ERROR',
      `Unexpected character in the request body: ${error instanceof Error ? error.message : 'invalid JSON'}`,
    );
  }
}

function bearer(headers: IncomingMessage['headers']): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

function apiCall(
  deps: FrontDeps,
  req: IncomingMessage,
  version: string,
  path: string,
  body: Buffer,
  route: Route | undefined,
  params: Record<string, string>,
): Reply {
  const notFound = reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  if (Number(version) < OLDEST_API_VERSION || Number(version) > deps.maxVersion) return notFound;
  const userId = deps.sessions.user(bearer(req.headers) ?? '');
  if (userId === undefined) return reply(401, SESSION_EXPIRED);
  const limitInfo = () => ({ 'Sforce-Limit-Info': deps.usage.header() });
  if (!deps.usage.tryConsume())
    return reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], limitInfo());
  deps.counter.apiCall();
  const method = req.method ?? 'GET';
  if (route === undefined) {
    const answer = pathKnown(deps.routes, path)
      ? reply(405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed.` }])
      : notFound;
    return { ...answer, headers: limitInfo() };
  }
  const answer = runRoute(deps, req, route, { method, path, version, body, params, userId });
  return { ...answer, headers: { ...answer.headers, ...limitInfo() } };
}

interface Call {
  readonly method: string;
  readonly path: string;
  readonly version: string;
  readonly body: Buffer;
  readonly params: Record<string, string>;
  readonly userId: string;
}

/** A route's answer; the errors it raises become the API's error array, never a crash. */
function runRoute(deps: FrontDeps, req: IncomingMessage, route: Route, call: Call): Reply {
  try {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const request: RouteRequest = {
      method: call.method,
      path: call.path,
      query: url.searchParams,
      body: parseJson(call.body),
      headers: flatHeaders(req.headers),
      version: call.version,
    };
    return route.handler({
      actor: {
        ...deps.org,
        userId: call.userId,
        access: deps.org.permissions.forUser(call.userId),
        request: ruleRequest(request.headers, call.version),
      },
      services: deps.services,
      req: request,
      params: call.params,
    });
  } catch (error) {
    if (error instanceof SfApiError) return reply(error.status, error.toBody());
    return reply(500, [
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: `An unexpected error occurred in the simulator: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

/** A path with record ids replaced, so /id/00D…/005… counts as one route. */
function withoutIds(path: string): string {
  return path.replace(/\/(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?(?=\/|$)/g, '/:id');
}

async function handle(deps: FrontDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://simulator').pathname;
  const body = await readBody(req);
  if (path.startsWith('/__sim/')) return send(res, await deps.control(method, path, body), Date.now());
  const api = API_PATH.exec(path);
  const subPath = api === null ? undefined : (api[2] ?? '/');
  const match = subPath === undefined ? undefined : matchRoute(deps.routes, method, subPath);
  const name =
    match === undefined ? `${method} ${api === null ? withoutIds(path) : '(no route)'}` : routeName(match.route);
  deps.counter.request(name);
  if (deps.faults.latencyMs() > 0) await new Promise((resolve) => setTimeout(resolve, deps.faults.latencyMs()));
  const fault = deps.faults.decide(name);
  if (fault.kind === 'timeout') return; // no answer: the socket stays open until the client gives up or close()
  if (fault.kind === 'error') return send(res, faultReply(fault.status), deps.org.now());
  if (api === null && method === 'GET' && isIdentityPath(path))
    return send(res, identity(deps, req, path), deps.org.now());
  const special = api === null ? deps.special(method, path, oauthBody(method, path, body, req)) : undefined;
  if (api === null)
    return send(
      res,
      special ?? reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]),
      deps.org.now(),
    );
  send(res, apiCall(deps, req, api[1] ?? '', subPath ?? '/', body, match?.route, match?.params ?? {}), deps.org.now());
}

function identity(deps: FrontDeps, req: IncomingMessage, path: string): Reply {
  const baseUrl = `http://${req.headers.host ?? 'localhost'}`;
  const authorization = req.headers.authorization;
  return path === '/services/oauth2/userinfo'
    ? userInfo(deps, baseUrl, authorization)
    : identityUrl(deps, baseUrl, path, authorization);
}

/** A token request's body with Basic client credentials folded into the form. */
function oauthBody(method: string, path: string, body: Buffer, req: IncomingMessage): Buffer {
  if (method !== 'POST' || path !== '/services/oauth2/token') return body;
  return Buffer.from(tokenForm(body, req.headers.authorization).toString(), 'utf8');
}

export function createFrontServer(deps: FrontDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      const answer =
        error instanceof SfApiError
          ? reply(error.status, error.toBody())
          : reply(500, [
              {
                errorCode: 'UNKNOWN_EXCEPTION',
                message: `An unexpected error occurred in the simulator: ${error instanceof Error ? error.message : String(error)}`,
              },
            ]);
      send(res, answer, Date.now());
    });
  });
}
