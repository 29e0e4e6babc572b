import {
  createSalesforceConnector,
  type SalesforceConnectorExtras,
} from '../../../connectors/salesforce/salesforce-connector';
import type { SalesforcePort } from '../../../connectors/salesforce/salesforce-port';
import { changedNothing, provision, type ProvisionOutcome } from '../../../src/app/provision';
import type { ProvisionReport } from '../../../src/shared/crm-port';
import { simulatedProtocol } from '../../support/pipeline-harness';
import { useCdcOrg } from '../ops/cdc-org';

type Connector = SalesforcePort & SalesforceConnectorExtras;

const MEMBERS = [
  'LeadChangeEvent',
  'ContactChangeEvent',
  'OpportunityChangeEvent',
  'TaskChangeEvent',
  'EventChangeEvent',
];

function report(outcome: ProvisionOutcome): ProvisionReport {
  const channel = outcome.changeChannel;
  if (channel === undefined || 'skipped' in channel)
    throw new Error(`channel not provisioned: ${JSON.stringify(channel)}`);
  return channel;
}

/**
 * `leadpact provision` creates leadpact's Change Data Capture channel the documented way (Tooling
 * API PlatformEventChannel and PlatformEventChannelMember), one member per object leadpact follows.
 */
describe("provisioning leadpact's Change Data Capture channel", () => {
  const org = useCdcOrg();

  const run = (channel: Connector = org().salesforce) =>
    provision({
      protocol: simulatedProtocol(org().sf),
      salesforce: org().salesforce,
      hubspot: org().hubspot,
      changeChannel: channel.changeChannel,
    });
  const members = async () =>
    (
      await org().admin.tooling.query<{ Id: string; EventChannel: string; SelectedEntity: string }>(
        'SELECT Id, EventChannel, SelectedEntity FROM PlatformEventChannelMember',
      )
    ).records;
  it('creates the channel with one member per followed object; a second run changes nothing', async () => {
    const first = report(await run());
    expect(first.created).toEqual(['channel:Leadpact__chn', ...MEMBERS.map((m) => `member:${m}`)]);
    const channels = await org().admin.tooling.query<{
      DeveloperName: string;
      ChannelType: string;
      MasterLabel: string;
    }>('SELECT DeveloperName, ChannelType, MasterLabel FROM PlatformEventChannel');
    expect(channels.records).toEqual([
      expect.objectContaining({ DeveloperName: 'Leadpact', ChannelType: 'data', MasterLabel: 'leadpact' }),
    ]);
    expect((await members()).map((m) => [m.EventChannel, m.SelectedEntity])).toEqual(
      MEMBERS.map((m) => ['Leadpact__chn', m]),
    );

    const second = await run();
    expect(changedNothing(second)).toBe(true);
    expect(report(second).unchanged).toHaveLength(1 + MEMBERS.length);
  });

  it('adds back a member an admin removed, and nothing else', async () => {
    const task = (await members()).find((m) => m.SelectedEntity === 'TaskChangeEvent');
    await org()
      .admin.tooling.sobject('PlatformEventChannelMember')
      .destroy(task?.Id ?? '');
    const again = report(await run());
    expect(again.created).toEqual(['member:TaskChangeEvent']);
    expect(await members()).toHaveLength(MEMBERS.length);
  });

  it('tells a user without Customize Application what to do, and provisions the rest', async () => {
    const rep =
      org()
        .sf.defaults()
        .userIds.find((id) => id !== org().sf.defaults().integrationUserId) ?? '';
    const unprivileged = await createSalesforceConnector({
      auth: { kind: 'token', instanceUrl: org().sf.url, accessToken: org().sf.mintAccessToken(rep) },
      loginUrl: org().sf.url,
      apiVersion: org().sf.apiVersion,
    });
    const outcome = await run(unprivileged);
    expect(outcome.changeChannel).toEqual({
      skipped: expect.stringMatching(/Customize Application permission and run leadpact provision again/),
    });
    expect(outcome.salesforce.unchanged.length).toBeGreaterThan(0);
  });
});
