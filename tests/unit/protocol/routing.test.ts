import { route } from '../../../src/protocol';
import { exampleProtocol } from './fixtures';

const { routing } = exampleProtocol();

describe('routing', () => {
  it('takes the first territory whose criteria all match, case-insensitively', () => {
    expect(route({ country: 'united states', company_segment: 'ENTERPRISE' }, routing).territory).toBe(
      'americas-enterprise',
    );
    expect(route({ country: 'United States', company_segment: 'smb' }, routing).territory).toBe('americas');
    expect(route({ country: 'DE' }, routing)).toEqual({
      territory: 'emea',
      calendar: 'emea',
      matched: 'territory',
      assign: { kind: 'pool', pool: 'emea-sdr', members: ['005EM0000000001YAA', '005EM0000000002YAA'] },
    });
  });

  it('sends a contact with no country, or an unlisted one, to the fallback queue', () => {
    for (const properties of [{}, { country: 'Kenya' }]) {
      expect(route(properties, routing)).toEqual({
        territory: 'unassigned',
        calendar: 'emea',
        matched: 'fallback',
        assign: { kind: 'queue', queueId: '00GXX00000000012AA' },
      });
    }
  });

  it('leaves excluded owners out of a pool, and falls back to the queue when no one is left', () => {
    expect(route({ country: 'AU' }, routing, { exclude: ['005AP0000000001YAA'] }).assign).toEqual({
      kind: 'pool',
      pool: 'apac-sdr',
      members: ['005AP0000000002YAA'],
    });
    expect(route({ country: 'AU' }, routing, { exclude: ['005AP0000000001YAA', '005AP0000000002YAA'] })).toEqual({
      territory: 'apac',
      calendar: 'apac',
      matched: 'fallback',
      assign: { kind: 'queue', queueId: '00GXX00000000012AA' },
    });
    expect(
      route({ country: 'US', company_segment: 'enterprise' }, routing, { exclude: ['005AM0000012345YAA'] }).assign.kind,
    ).toBe('queue');
  });
});
