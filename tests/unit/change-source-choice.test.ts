import { chooseChangeSource, needsChannelCheck } from '../../src/config/env-changes';
import { readOnce } from '../../src/service/change-source';

describe('chooseChangeSource: SALESFORCE_CHANGES and SALESFORCE_CDC_CHANNEL, and the org for what they leave unset', () => {
  const unset = { source: undefined, channel: undefined };

  it("follows Change Data Capture on leadpact's channel when the org has it with every object", () => {
    const chosen = chooseChangeSource(unset, { exists: true, missing: [] });
    expect(chosen).toMatchObject({ source: 'cdc', channel: '/data/Leadpact__chn' });
    expect(chosen.reason).toMatch(/SALESFORCE_CHANGES is unset and the org has leadpact's channel/);
  });

  it('follows outbound messages when the channel is missing, incomplete or unreadable, and says why and what to do', () => {
    const none = chooseChangeSource(unset, { exists: false });
    expect(none).toMatchObject({ source: 'outbound', channel: '/data/ChangeEvents' });
    expect(none.reason).toMatch(/no channel \/data\/Leadpact__chn.*run leadpact provision/);
    const partial = chooseChangeSource(unset, { exists: true, missing: ['TaskChangeEvent', 'EventChangeEvent'] });
    expect(partial.source).toBe('outbound');
    expect(partial.reason).toMatch(/lacks TaskChangeEvent, EventChangeEvent/);
    expect(chooseChangeSource(unset, null).reason).toMatch(/could not read/);
  });

  it('keeps an explicit source, taking the channel from the org only when SALESFORCE_CDC_CHANNEL is unset', () => {
    expect(chooseChangeSource({ source: 'outbound', channel: undefined }, { exists: true, missing: [] }).source).toBe(
      'outbound',
    );
    expect(chooseChangeSource({ source: 'cdc', channel: undefined }, { exists: false })).toMatchObject({
      source: 'cdc',
      channel: '/data/ChangeEvents',
    });
    expect(chooseChangeSource({ source: 'cdc', channel: undefined }, { exists: true, missing: [] }).channel).toBe(
      '/data/Leadpact__chn',
    );
    expect(
      chooseChangeSource({ source: 'cdc', channel: '/data/LeadChangeEvent' }, { exists: true, missing: [] }).channel,
    ).toBe('/data/LeadChangeEvent');
  });

  it('asks the org only when something depends on it', () => {
    expect(needsChannelCheck(unset)).toBe(true);
    expect(needsChannelCheck({ source: 'cdc', channel: undefined })).toBe(true);
    expect(needsChannelCheck({ source: 'cdc', channel: '/data/ChangeEvents' })).toBe(false);
    expect(needsChannelCheck({ source: 'outbound', channel: undefined })).toBe(false);
  });
});

describe('readOnce: the start reads the org channel once for its preflight and its choice', () => {
  it('asks the org once however often it is read', async () => {
    let reads = 0;
    const channel = readOnce({
      read: () => {
        reads += 1;
        return Promise.resolve(null);
      },
    });
    await Promise.all([channel.read(), channel.read()]);
    await channel.read();
    expect(reads).toBe(1);
  });
});
