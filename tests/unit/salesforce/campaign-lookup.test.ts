import { campaignNameGroups, campaignsSoql, chooseCampaigns } from '../../../connectors/salesforce/campaign-lookup';
import type { QueryRecord } from '../../../connectors/salesforce/record-reads';

const row = (Id: string, Name: string, IsActive: boolean): QueryRecord => ({
  attributes: { type: 'Campaign' },
  Id,
  Name,
  IsActive,
});
const ID = (n: number): string => `701${String(n).padStart(12, '0')}AAA`;

describe('choosing one Campaign per name', () => {
  it('takes the one Campaign of a name, whatever its case or whether it is active', () => {
    const { ids, ambiguous } = chooseCampaigns(
      ['Spring webinar', 'Old expo'],
      [row(ID(1), 'spring WEBINAR', true), row(ID(2), 'Old expo', false)],
    );
    expect(Object.fromEntries(ids)).toEqual({ 'Spring webinar': ID(1), 'Old expo': ID(2) });
    expect(ambiguous).toEqual([]);
  });

  it('takes the only active Campaign when a name was cloned, and writes nowhere when that does not decide', () => {
    const rows = [
      row(ID(1), 'Expo', false),
      row(ID(2), 'Expo', true),
      row(ID(3), 'Twin', true),
      row(ID(4), 'Twin', true),
      row(ID(5), 'Past', false),
      row(ID(6), 'Past', false),
    ];
    const { ids, ambiguous } = chooseCampaigns(['Expo', 'Twin', 'Past', 'Nowhere'], rows);
    expect(Object.fromEntries(ids)).toEqual({ Expo: ID(2) });
    expect(ambiguous).toEqual([
      { name: 'Twin', ids: [ID(3), ID(4)] },
      { name: 'Past', ids: [ID(5), ID(6)] },
    ]);
  });

  it('writes nowhere for two spellings of one name: each holds its own numbers, and one Campaign cannot show both', () => {
    const { ids, ambiguous } = chooseCampaigns(
      ['Webinar', 'webinar', 'Other'],
      [row(ID(1), 'Webinar', true), row(ID(2), 'Other', true)],
    );
    expect(Object.fromEntries(ids)).toEqual({ Other: ID(2) });
    expect(ambiguous.map((a) => a.name)).toEqual(['Webinar', 'webinar']);
  });
});

describe('querying Campaigns by name', () => {
  it('quotes names as SOQL literals', () => {
    expect(campaignsSoql(['O\'Brien \\ "Q3"'])).toBe(
      `SELECT Id, Name, IsActive FROM Campaign WHERE Name IN ('O\\'Brien \\\\ \\"Q3\\"')`,
    );
  });

  it('splits many long names into queries that each fit a URI once percent-encoded, losing none', () => {
    const names = Array.from({ length: 700 }, (_, i) => `Ünïcödé campaign #${i} ${'x'.repeat(50)}`);
    const groups = campaignNameGroups(names);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat()).toEqual(names);
    for (const group of groups) expect(encodeURIComponent(campaignsSoql(group)).length).toBeLessThanOrEqual(12_000);
  });
});
