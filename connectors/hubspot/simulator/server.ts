import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, isActor } from './auth';
import type { CallCounter } from './call-counter';
import type { Faults } from './faults';
import { checkScopes, type KnownCustomType, type ScopeGrant } from './scopes';
import { hubSpotError, validationError, type RateLimitPolicy } from './hubspot-errors';
import type { AppLimits } from './rate-limits';
import { withHeaders } from './rate-limits';
import type { HubSpotSimulatorCredentials } from './sim-context';
import type { Actor, RouteMatch, Router, SimResponse } from './sim-http';

export interface ServerDeps {
  readonly router: Router;
  readonly credentials: HubSpotSimulatorCredentials;
  /** The scopes of the private app's token. */
  readonly grant: ScopeGrant;
  readonly knownCustomType: KnownCustomType;
  readonly limits: AppLimits;
  readonly faults: Faults;
  readonly counter: CallCounter;
  readonly clock: () => number;
  /** Timers of delayed and stalled answers, cleared on close. */
  readonly timers: Set<NodeJS.Timeout>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function requestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req).then(
      (raw) => handle(deps, req, res, raw),
      () => send(res, validationError('Request body too large or unreadable')),
    );
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  const match = deps.router.match(method, url.pathname);
  if (match === undefined) {
    if (!url.pathname.startsWith('/__sim')) deps.counter.count(`${method} (unmatched)`);
    return send(res, hubSpotError(404, 'OBJECT_NOT_FOUND', `No route for ${method} ${url.pathname}`));
  }
  const routeKey = `${method} ${match.route.pattern}`;
  if (match.route.kind !== 'control') deps.counter.count(routeKey);
  const body = parseJson(raw);
  if (body === INVALID) return send(res, validationError('Invalid input JSON: the body is not valid JSON'));
  const actor = authenticate(match.route.kind, req.headers.authorization, url.searchParams, deps.credentials);
  if (!isActor(actor)) {
    deps.counter.unauthorized++;
    return send(res, actor);
  }
  const refused = checkScopes(deps.grant, deps.knownCustomType, { actor, match, method });
  if (refused !== undefined) {
    deps.counter.missingScopes++;
    return send(res, refused);
  }
  const admission = admit(deps, match, actor);
  if (!admission.ok) return send(res, admission.response);
  const answer = await answerWithFaults(deps, res, routeKey, match, async () =>
    match.route.handler({
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      actor,
    }),
  );
  if (answer !== undefined) send(res, withHeaders(answer, admission.headers));
}

/** Rate limits apply to the private app's token; a person in the UI is not rate limited. */
function admit(
  deps: ServerDeps,
  match: RouteMatch,
  actor: Actor,
): { ok: true; headers: Readonly<Record<string, string>> } | { ok: false; response: SimResponse } {
  if (actor.kind !== 'app' || (match.route.kind !== 'crm' && match.route.kind !== 'search'))
    return { ok: true, headers: {} };
  const now = deps.clock();
  const admission = match.route.kind === 'search' ? deps.limits.admitSearch(now) : deps.limits.admitCrm(now);
  if (!admission.ok) {
    const policy = (admission.response.body as { policyName?: RateLimitPolicy } | undefined)?.policyName;
    if (policy !== undefined) deps.counter.rateLimited[policy]++;
  }
  return admission;
}

async function answerWithFaults(
  deps: ServerDeps,
  res: ServerResponse,
  routeKey: string,
  match: RouteMatch,
  handler: () => Promise<SimResponse>,
): Promise<SimResponse | undefined> {
  if (match.route.kind === 'control') return handler();
  const decision = deps.faults.decide(routeKey);
  if (decision.kind === 'stall') {
    deps.counter.faultsInjected++;
    // No answer at all: the client's timeout fires first; then the connection is dropped.
    await delay(deps, decision.ms);
    res.destroy();
    return undefined;
  }
  if (decision.delayMs > 0) await delay(deps, decision.delayMs);
  if (res.destroyed) return undefined;
  if (decision.kind === 'respond') {
    deps.counter.faultsInjected++;
    return decision.response;
  }
  return handler();
}

function delay(deps: ServerDeps, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      deps.timers.delete(timer);
      resolve();
    }, ms);
    deps.timers.add(timer);
  });
}

const INVALID = Symbol('invalid json');

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return INVALID;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The SDK parses nothing without `Content-Type: application/json` (wire-apis.md §2). */
export function send(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.headersSent) return;
  const hasBody = response.body !== undefined && response.status !== 204;
  res.writeHead(response.status, {
    ...(hasBody ? { 'Content-Type': 'application/json;charset=utf-8' } : {}),
    ...response.headers,
  });
  res.end(hasBody ? JSON.stringify(response.body) : undefined);
}
