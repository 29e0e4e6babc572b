/**
 * The private-app scopes leadpact's HubSpot calls need, listed once: the simulator grants these by
 * default, and `leadpact doctor` and the start preflight compare a token's scopes with them.
 * Each route's scope is the one HubSpot's API specs name
 * (github.com/HubSpot/HubSpot-public-api-spec-collection, PublicApiSpecs/CRM/*: Contacts, Properties,
 * Schemas, Objects). The account-info API needs only `oauth`, which every app holds; the webhooks v3
 * API takes the developer API key, not a scope.
 */

/** When a scope is needed: always, or only when campaign metrics go to a HubSpot custom object. */
export type ScopeUse = 'always' | 'campaign-metrics';

export interface ScopeNeed {
  readonly scope: string;
  readonly use: ScopeUse;
  /** What leadpact does with it, in plain words, for doctor's report. */
  readonly why: string;
}

export const HUBSPOT_SCOPE_NEEDS: readonly ScopeNeed[] = [
  {
    scope: 'crm.objects.contacts.read',
    use: 'always',
    why: 'reads the contacts that changed (search) and the contacts it hands off (batch read)',
  },
  {
    scope: 'crm.objects.contacts.write',
    use: 'always',
    why: 'writes the stage, owner and Sales feedback back onto contacts (batch update and upsert)',
  },
  {
    scope: 'crm.schemas.contacts.write',
    use: 'always',
    why: '`leadpact provision` creates the leadpact property group and its contact properties',
  },
  {
    scope: 'crm.schemas.custom.read',
    use: 'campaign-metrics',
    why: 'finds the campaign-metrics custom object',
  },
  {
    scope: 'crm.schemas.custom.write',
    use: 'campaign-metrics',
    why: '`leadpact provision` creates the campaign-metrics custom object and its properties',
  },
  {
    scope: 'crm.objects.custom.write',
    use: 'campaign-metrics',
    why: 'writes the campaign metrics records',
  },
];

export interface ScopeOptions {
  /** Campaign metrics go to a HubSpot custom object (an Enterprise feature); default false. */
  readonly campaignMetrics?: boolean;
}

function needed(options: ScopeOptions): readonly ScopeNeed[] {
  return HUBSPOT_SCOPE_NEEDS.filter((need) => need.use === 'always' || options.campaignMetrics === true);
}

/** The scopes leadpact's private app must have. */
export function requiredScopes(options: ScopeOptions = {}): readonly string[] {
  return needed(options).map((need) => need.scope);
}

/** The needs a token with these scopes does not meet, in the order of HUBSPOT_SCOPE_NEEDS. */
export function missingScopes(granted: readonly string[], options: ScopeOptions = {}): readonly ScopeNeed[] {
  const held = new Set(granted);
  return needed(options).filter((need) => !held.has(need.scope));
}

/** Where a HubSpot super admin adds a scope to a private app. */
export const SCOPES_SETTINGS_PATH = 'Settings → Integrations → Private Apps → your app → Scopes';

/**
 * What is missing and the fix, in plain words. `anyOf`: one of the scopes is enough (HubSpot's 403
 * lists alternatives, "One or more of the following scopes are required").
 */
export function missingScopeMessage(scopes: readonly string[], anyOf = false): string {
  const named = scopes.join(', ');
  if (scopes.length === 1)
    return `the private app lacks the scope ${named}; add it in HubSpot: ${SCOPES_SETTINGS_PATH}, then run \`leadpact doctor\``;
  const lack = anyOf ? `every one of the scopes ${named}` : `the scopes ${named}`;
  const fix = anyOf ? 'add one of them' : 'add them';
  return `the private app lacks ${lack}; ${fix} in HubSpot: ${SCOPES_SETTINGS_PATH}, then run \`leadpact doctor\``;
}
