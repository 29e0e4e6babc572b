import { Writable } from 'node:stream';
import { provision } from '../../../src/app/provision';
import { loadEnv } from '../../../src/config/env';
import { chooseChangeSourceAtStart } from '../../../src/service/change-source';
import { createLogger } from '../../../src/shared/logger';
import { simulatedProtocol } from '../../support/pipeline-harness';
import { useCdcOrg } from './cdc-org';

interface Line {
  readonly msg: string;
  readonly source?: string;
  readonly channel?: string;
}

/**
 * With SALESFORCE_CHANGES unset, the service asks the org once at start whether it has leadpact's
 * channel (Leadpact__chn, made by provision) holding every followed object: Change Data Capture on
 * it if so, outbound messages otherwise; the choice and why are logged.
 */
describe('the change source the service chooses at start', () => {
  const org = useCdcOrg();

  async function chosen(variables: Record<string, string> = {}) {
    const lines: Line[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Line);
        done();
      },
    });
    const env = loadEnv(variables).salesforce.changes;
    const choice = await chooseChangeSourceAtStart(env, org().salesforce.changeChannel, createLogger({ destination }));
    return { choice, lines };
  }
  const provisionChannel = () =>
    provision({
      protocol: simulatedProtocol(org().sf),
      salesforce: org().salesforce,
      hubspot: org().hubspot,
      changeChannel: org().salesforce.changeChannel,
    });

  it('follows outbound messages while the org has no channel, and logs why', async () => {
    const { choice, lines } = await chosen();
    expect(choice).toMatchObject({ source: 'outbound', channel: '/data/ChangeEvents' });
    expect(lines).toContainEqual(
      expect.objectContaining({ source: 'outbound', msg: expect.stringMatching(/no channel \/data\/Leadpact__chn/) }),
    );
  });

  it("follows Change Data Capture on leadpact's channel once provision has made it, and logs why", async () => {
    await provisionChannel();
    const { choice, lines } = await chosen();
    expect(choice).toMatchObject({ source: 'cdc', channel: '/data/Leadpact__chn' });
    expect(lines).toContainEqual(
      expect.objectContaining({
        source: 'cdc',
        channel: '/data/Leadpact__chn',
        msg: expect.stringMatching(/follows Salesforce through Change Data Capture/),
      }),
    );
  });

  it('keeps to outbound messages while the channel lacks a followed object', async () => {
    const task = await org().admin.tooling.query<{ Id: string }>(
      "SELECT Id FROM PlatformEventChannelMember WHERE SelectedEntity = 'TaskChangeEvent'",
    );
    await org()
      .admin.tooling.sobject('PlatformEventChannelMember')
      .destroy(task.records[0]?.Id ?? '');
    const { choice, lines } = await chosen();
    expect(choice.source).toBe('outbound');
    expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/lacks TaskChangeEvent/) }));
    await provisionChannel();
  });

  it('keeps what the environment says', async () => {
    expect((await chosen({ SALESFORCE_CHANGES: 'outbound' })).choice.source).toBe('outbound');
    expect((await chosen({ SALESFORCE_CHANGES: 'cdc' })).choice.channel).toBe('/data/Leadpact__chn');
    const named = await chosen({ SALESFORCE_CHANGES: 'cdc', SALESFORCE_CDC_CHANNEL: '/data/ChangeEvents' });
    expect(named.choice).toMatchObject({ source: 'cdc', channel: '/data/ChangeEvents' });
  });
});
