import {
  HUBSPOT_SCOPE_NEEDS,
  missingScopeMessage,
  missingScopes,
  requiredScopes,
} from '../../../connectors/hubspot/required-scopes';

describe("the HubSpot scopes leadpact's private app needs", () => {
  it('always needs contact reads and writes and contact schema writes; custom objects only for campaign metrics', () => {
    expect(requiredScopes()).toEqual([
      'crm.objects.contacts.read',
      'crm.objects.contacts.write',
      'crm.schemas.contacts.write',
    ]);
    expect(requiredScopes({ campaignMetrics: true })).toEqual(HUBSPOT_SCOPE_NEEDS.map((need) => need.scope));
  });

  it('names each scope a token lacks, with why, in the order they are listed', () => {
    const granted = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.custom.read'];
    expect(missingScopes(granted).map((need) => need.scope)).toEqual([
      'crm.objects.contacts.write',
      'crm.schemas.contacts.write',
    ]);
    expect(missingScopes(granted, { campaignMetrics: true }).map((need) => need.scope)).toEqual([
      'crm.objects.contacts.write',
      'crm.schemas.contacts.write',
      'crm.schemas.custom.write',
      'crm.objects.custom.write',
    ]);
    expect(missingScopes(requiredScopes())).toEqual([]);
    for (const need of HUBSPOT_SCOPE_NEEDS) expect(need.why).not.toBe('');
  });

  it('says what is missing and where to add it', () => {
    expect(missingScopeMessage(['crm.objects.contacts.write', 'crm.schemas.contacts.write'])).toBe(
      'the private app lacks the scopes crm.objects.contacts.write, crm.schemas.contacts.write; add them in ' +
        'HubSpot: Settings → Integrations → Private Apps → your app → Scopes, then run `leadpact doctor`',
    );
  });
});
