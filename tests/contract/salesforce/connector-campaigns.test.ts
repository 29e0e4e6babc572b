import { campaignNameGroups } from '../../../connectors/salesforce/campaign-lookup';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { campaignFieldSpecs } from '../../../src/metrics';
import { salesforceId } from '../../../src/shared/ids';
import { connectorFor, useSimulator, grantLeadpactAccess } from './support';

describe('Salesforce connector: Campaigns for the alignment metrics', () => {
  const sim = useSimulator();
  let connector: SalesforcePort;

  beforeAll(async () => {
    connector = await connectorFor(sim());
  });

  beforeEach(() => {
    sim().reset();
    grantLeadpactAccess(sim());
  });

  it('finds Campaign Ids by name in one API call, case-insensitively, quotes and all', async () => {
    const seeded = sim().seed('Campaign', [
      { Name: 'Spring Webinar', IsActive: true },
      { Name: 'O\'Brien "Q3" \\ roadshow', IsActive: true },
      { Name: 'Expo 2025', IsActive: false },
      { Name: 'Expo 2025', IsActive: true },
      { Name: 'Twin', IsActive: true },
      { Name: 'Twin', IsActive: true },
    ]);
    const before = sim().calls().total;
    const ids = await connector.findCampaignIdsByName([
      'spring webinar',
      'O\'Brien "Q3" \\ roadshow',
      'Expo 2025',
      'Twin',
      'No such campaign',
      '',
    ]);
    expect(sim().calls().total - before).toBe(1);
    // Expo 2025 was cloned and only the clone is active; both Twins are active, so neither is written.
    expect(Object.fromEntries(ids)).toEqual({
      'spring webinar': seeded[0],
      'O\'Brien "Q3" \\ roadshow': seeded[1],
      'Expo 2025': seeded[3],
    });
  });

  it('looks up hundreds of long names in URI-sized queries, five to a call, and finds every one', async () => {
    const names = Array.from(
      { length: 600 },
      (_, i) => `Regional field marketing event number ${String(i).padStart(4, '0')} ${'·'.repeat(20)}`,
    );
    const seeded = sim().seed(
      'Campaign',
      names.map((Name) => ({ Name, IsActive: true })),
    );
    const before = sim().calls().total;
    const ids = await connector.findCampaignIdsByName(names);
    expect(ids.size).toBe(600);
    expect(names.map((name) => ids.get(name))).toEqual(seeded);
    expect(sim().calls().total - before).toBe(Math.ceil(campaignNameGroups(names).length / 5));
  });

  it('writes the metrics into the Campaign fields leadpact provisioned, by Id, one outcome per Campaign', async () => {
    await connector.provisionFields(campaignFieldSpecs());
    const [a, b] = sim()
      .seed('Campaign', [
        { Name: 'A', IsActive: true },
        { Name: 'B', IsActive: true },
      ])
      .map(salesforceId);
    const outcomes = await connector.update('Campaign', [
      {
        id: a!,
        fields: {
          Leadpact_MQLs__c: 12,
          Leadpact_Acceptance_Rate__c: 57.14,
          Leadpact_Metrics_Period__c: 'rolling-30d: 2026-03-11 to 2026-04-09',
        },
      },
      { id: b!, fields: { Leadpact_MQLs__c: 3, Leadpact_Acceptance_Rate__c: null } },
      { id: salesforceId('701000000000999AAA'), fields: { Leadpact_MQLs__c: 1 } },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false]);
    const byId = new Map(
      sim()
        .records('Campaign')
        .map((r) => [r['Id'], r]),
    );
    expect(byId.get(a)).toMatchObject({
      Leadpact_MQLs__c: 12,
      Leadpact_Acceptance_Rate__c: 57.14,
      Leadpact_Metrics_Period__c: 'rolling-30d: 2026-03-11 to 2026-04-09',
    });
    expect(byId.get(b)).toMatchObject({ Leadpact_MQLs__c: 3, Leadpact_Acceptance_Rate__c: null });
  });
});
