import type { RunningSimulators } from '../../src/demo/simulators';
import { cleanEnv, runCli } from '../support/cli';
import { simulatorsForCli } from './cli-simulators';

describe('leadpact provision, run as an operator runs it', () => {
  let sims: RunningSimulators;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const started = await simulatorsForCli();
    sims = started.sims;
    env = cleanEnv({ ...started.env, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await sims.close();
  });

  it('creates the fields and properties, and a second run changes nothing and says so', async () => {
    const first = await runCli(['provision'], env);
    expect(first.code).toBe(0);
    const counts = (title: string, text: string) =>
      new RegExp(`^${title}: (\\d+) created, (\\d+) updated, (\\d+) unchanged$`, 'm').exec(text)?.slice(1).map(Number);
    const [fields, properties] = [
      counts('Salesforce custom fields', first.stdout),
      counts('HubSpot property group and properties', first.stdout),
    ];
    expect(fields?.[0]).toBeGreaterThan(30);
    expect(fields?.slice(1)).toEqual([0, 0]);
    expect(properties?.slice(1)).toEqual([0, 0]);
    expect(first.stdout).toContain('created    Contact.HubSpot_Contact_Id__c');
    expect(first.stdout).toContain('created    property:leadpact_stage');
    expect(first.stdout).toContain('Provisioned.');
    expect(counts('HubSpot campaign-metrics object', first.stdout)?.[0]).toBeGreaterThan(0);
    expect(counts('Salesforce Change Data Capture channel', first.stdout)).toEqual([6, 0, 0]);
    expect(first.stdout).toContain('created    channel:Leadpact__chn');
    expect(first.stdout).toContain('created    member:TaskChangeEvent');
    expect(first.stdout).toContain('set the target URL to PUBLIC_URL/webhooks/hubspot');

    const second = await runCli(['provision'], env);
    expect(second.code).toBe(0);
    expect(counts('Salesforce custom fields', second.stdout)).toEqual([0, 0, fields?.[0]]);
    expect(counts('HubSpot property group and properties', second.stdout)).toEqual([0, 0, properties?.[0]]);
    expect(second.stdout).toContain('Nothing changed: everything was already provisioned.');
    expect(counts('HubSpot campaign-metrics object', second.stdout)?.slice(0, 2)).toEqual([0, 0]);
    expect(counts('Salesforce Change Data Capture channel', second.stdout)).toEqual([0, 0, 6]);
    expect(second.stdout).not.toContain('created  ');

    // Provisioning touches the schema only: no record is created on either side.
    expect(sims.salesforce.records('Lead')).toEqual([]);
    expect(sims.hubspot.contacts()).toEqual([]);
    expect(
      (
        await fetch(`${sims.hubspot.url}/crm/v3/properties/contacts/leadpact_stage`, {
          headers: { authorization: `Bearer ${sims.hubspot.credentials.accessToken}` },
        })
      ).status,
    ).toBe(200);
  });

  it('names the CRM that refused it, without echoing the secret', async () => {
    const result = await runCli(['provision'], {
      ...env,
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-00000000-0000-4000-8000-000000000000',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/leadpact: CRM_AUTH_FAILED: .*HubSpot/i);
    expect(result.stderr).not.toContain('pat-na1-00000000');
  });
});
