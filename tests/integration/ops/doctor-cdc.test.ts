import { hubspotInspection } from '../../../connectors/hubspot/portal-inspection';
import { runDoctor, type Finding } from '../../../src/app/doctor/doctor';
import { provision } from '../../../src/app/provision';
import type { ChangeSourceEnv } from '../../../src/config/env-changes';
import { changeChecks } from '../../../src/service/change-source';
import { simulatedProtocol } from '../../support/pipeline-harness';
import { useCdcOrg } from './cdc-org';

const UNSET: ChangeSourceEnv = {
  source: undefined,
  channel: undefined,
  pubSubEndpoint: '',
  trustedCertificate: undefined,
};

/** `leadpact doctor` on an org followed, or to be followed, through Change Data Capture. */
describe('leadpact doctor checks Change Data Capture', () => {
  const org = useCdcOrg();

  const endpoint = () => org().sf.pubsub?.address ?? '';

  /** The Salesforce findings about how changes reach leadpact. */
  async function doctor(env: Partial<ChangeSourceEnv> = {}): Promise<Finding[]> {
    const changes = { ...UNSET, pubSubEndpoint: endpoint(), trustedCertificate: org().sf.pubsub?.certificate, ...env };
    const report = await runDoctor({
      protocol: simulatedProtocol(org().sf),
      salesforce: org().salesforce.inspection,
      hubspot: hubspotInspection({ accessToken: org().hs.credentials.accessToken, baseUrl: org().hs.url }),
      changes: changeChecks(
        changes,
        { salesforceChannel: org().salesforce.changeChannel, salesforcePubSub: org().salesforce },
        3_000,
      ),
    });
    return report.findings.filter((f) =>
      /Change Data Capture|Pub\/Sub|Outbound messages|outbound message/.test(f.message),
    );
  }

  /** `leadpact provision` as an integration user who may create the channel. */
  async function provisionWithChannel(): Promise<void> {
    await provision({
      protocol: simulatedProtocol(org().sf),
      salesforce: org().salesforce,
      hubspot: org().hubspot,
      changeChannel: org().salesforce.changeChannel,
    });
  }

  it('warns that the org has no channel, and checks the outbound messages leadpact then relies on', async () => {
    const findings = await doctor();
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          /no Change Data Capture channel Leadpact__chn: leadpact follows Salesforce through outbound messages/,
        ),
        fix: expect.stringMatching(/leadpact provision/),
      }),
    );
    expect(findings.some((f) => /Pub\/Sub/.test(f.message))).toBe(false);
    expect(findings).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/No outbound message sends/) }),
    );
  });

  it('names the followed objects the channel lacks', async () => {
    await provisionWithChannel();
    const event = await org().admin.tooling.query<{ Id: string }>(
      "SELECT Id FROM PlatformEventChannelMember WHERE SelectedEntity = 'EventChangeEvent'",
    );
    await org()
      .admin.tooling.sobject('PlatformEventChannelMember')
      .destroy(event.records[0]?.Id ?? '');
    const findings = await doctor();
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/channel Leadpact__chn lacks EventChangeEvent: changes of Event would reach/),
      }),
    );
  });

  it('with the channel complete: the channel, the Pub/Sub API answering for it, and no outbound message needed', async () => {
    await provisionWithChannel();
    const findings = await doctor();
    expect(findings.filter((f) => f.severity !== 'ok')).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        'Change Data Capture channel Leadpact__chn carries Lead, Contact, Opportunity, Task, Event.',
        `Pub/Sub API at ${endpoint()} answers for /data/Leadpact__chn with the integration user's session.`,
        'Outbound messages: not needed, leadpact follows /data/Leadpact__chn (Change Data Capture).',
      ]),
    );
  });

  it('names SALESFORCE_PUBSUB_ENDPOINT when the Pub/Sub API does not answer', async () => {
    const findings = await doctor({ source: 'cdc', pubSubEndpoint: '127.0.0.1:1' });
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(/Pub\/Sub API at 127\.0\.0\.1:1 \(SALESFORCE_PUBSUB_ENDPOINT\) did not answer/),
        fix: expect.stringMatching(/SALESFORCE_PUBSUB_CA_FILE/),
      }),
    );
  });

  it('names SALESFORCE_CDC_CHANNEL when the org has no such channel', async () => {
    const findings = await doctor({ source: 'cdc', channel: '/data/Elsewhere__chn' });
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message: 'The Pub/Sub API has no channel /data/Elsewhere__chn (SALESFORCE_CDC_CHANNEL) for this org.',
      }),
    );
  });
});
