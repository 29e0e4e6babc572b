import { hubSpotError } from './hubspot-errors';
import { OBJECT_TYPES, standardTypeOf } from './property-model';
import type { Actor, RouteMatch, SimResponse } from './sim-http';

/**
 * Private-app scopes. A private app's token carries the scopes chosen on its Scopes tab; a call
 * outside them is refused with 403 MISSING_SCOPES
 * (https://developers.hubspot.com/docs/apps/legacy-apps/private-apps/overview, "Scopes"). Which scope
 * each route needs is what HubSpot's API specs name under `security`
 * (github.com/HubSpot/HubSpot-public-api-spec-collection, PublicApiSpecs/CRM/*). The specs of the
 * generic routes (`/crm/v3/objects/{objectType}`, properties, v4 associations) list every object's
 * scopes as alternatives; here the object type in the path picks its own, as the per-object specs
 * (Contacts, Companies, Deals) do.
 */

/** Every app holds `oauth` (the token-info endpoint lists it); the account-info API needs only it. */
export const IMPLICIT_SCOPE = 'oauth';

/** The main token's scopes; the UI user's token stands for a person, who is not scope-limited. */
export class ScopeGrant {
  private granted: ReadonlySet<string>;

  constructor(private readonly initial: readonly string[]) {
    this.granted = withImplicit(initial);
  }

  scopes(): readonly string[] {
    return [...this.granted].sort();
  }

  set(scopes: readonly string[]): void {
    this.granted = withImplicit(scopes);
  }

  has(scope: string): boolean {
    return this.granted.has(scope);
  }

  reset(): void {
    this.granted = withImplicit(this.initial);
  }
}

function withImplicit(scopes: readonly string[]): ReadonlySet<string> {
  return new Set([IMPLICIT_SCOPE, ...scopes]);
}

type Access = 'read' | 'write';

/** Every scope a route of the simulator asks for: a token with these may call them all. */
export const ALL_SCOPES: readonly string[] = [
  ...[...OBJECT_TYPES, 'custom'].flatMap((type) =>
    ['objects', 'schemas'].flatMap((kind) => [`crm.${kind}.${type}.read`, `crm.${kind}.${type}.write`]),
  ),
  'crm.objects.owners.read',
];

/** Tells a custom object type the portal has (by objectTypeId or name) from one it does not. */
export type KnownCustomType = (objectType: string) => boolean;

/**
 * The scope family of an object type in a path: contacts, companies, deals, or `custom` for a
 * custom object. Undefined for a type the portal does not have: the route answers that it cannot
 * infer the type (400) before any scope is asked for, since the scope depends on the type.
 */
function family(objectType: string, known: KnownCustomType): string | undefined {
  return standardTypeOf(objectType) ?? (known(objectType) ? 'custom' : undefined);
}

/** Reads: GET, search, batch read. Everything else on an object route writes. */
function accessOf(method: string, pattern: string): Access {
  return method === 'GET' || pattern.endsWith('/search') || pattern.endsWith('/batch/read') ? 'read' : 'write';
}

/**
 * The scopes a route accepts, any one being enough; empty when it needs none (the webhooks v3 API
 * takes the developer API key; token info takes the token in its body; the control surface).
 */
export function requiredScopes(match: RouteMatch, method: string, known: KnownCustomType): readonly string[] {
  const { pattern } = match.route;
  const access = accessOf(method, pattern);
  // Associations between records (/crm/v4/associations/…, labels included) take the objects' scopes.
  const typed = /^\/crm\/(?:v[34]\/)?(objects|properties|associations)\//
    .exec(pattern)?.[1]
    ?.replace('associations', 'objects');
  if (typed !== undefined) {
    const type = family(match.params['objectType'] ?? match.params['fromType'] ?? '', known);
    if (type === undefined) return [];
    if (typed === 'objects') return [`crm.objects.${type}.${access}`];
    // Properties.json: reading a type's properties takes its schema read or either of its object scopes.
    return access === 'read'
      ? [`crm.schemas.${type}.read`, `crm.objects.${type}.read`, `crm.objects.${type}.write`]
      : [`crm.schemas.${type}.write`];
  }
  if (pattern.startsWith('/crm-object-schemas/v3/schemas') || pattern.startsWith('/crm/v3/schemas'))
    return access === 'read' ? ['crm.schemas.custom.read', 'crm.objects.custom.read'] : ['crm.schemas.custom.write'];
  if (pattern.startsWith('/crm/v3/owners')) return ['crm.objects.owners.read'];
  if (pattern.startsWith('/account-info/')) return [IMPLICIT_SCOPE];
  return [];
}

/**
 * The 403 HubSpot sends a token without the scopes of a call (the body reported in
 * github.com/HubSpot/hubspot-api-nodejs/issues/268, with the granular scope names current apps get
 * under `requiredGranularScopes`).
 */
export function missingScopesResponse(scopes: readonly string[]): SimResponse {
  return hubSpotError(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...scopes] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}

/** A refusal when the app's token lacks every scope the route accepts; undefined when it may go on. */
export function checkScopes(
  grant: ScopeGrant,
  known: KnownCustomType,
  request: { readonly actor: Actor; readonly match: RouteMatch; readonly method: string },
): SimResponse | undefined {
  if (request.actor.kind !== 'app') return undefined;
  const accepted = requiredScopes(request.match, request.method, known);
  if (accepted.length === 0 || accepted.some((scope) => grant.has(scope))) return undefined;
  return missingScopesResponse(accepted);
}
