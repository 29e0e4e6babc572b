import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { Connection } from 'jsforce';
import { z } from 'zod';
import { CdcSubscriber } from '../../connectors/salesforce/pubsub/cdc-subscriber';
import type { DecodedChange } from '../../connectors/salesforce/pubsub/change-event-decoder';
import { cleanEnv, collect, runCli, spawnCli, waitForOutput, type CliResult } from '../support/cli';
import { eventually } from '../support/pipeline-harness';

const simLine = z.object({
  salesforce: z.object({
    url: z.string(),
    env: z.record(z.string(), z.string()),
    pubsub: z.object({ endpoint: z.string(), caFile: z.string() }),
  }),
  env: z.record(z.string(), z.string()),
});

/** `leadpact sim --salesforce-changes cdc`: the org reports changes on its Pub/Sub endpoint only. */
describe('leadpact sim --salesforce-changes cdc', () => {
  let child: ChildProcess;
  let exited: Promise<CliResult>;
  let line: z.infer<typeof simLine>;
  let subscriber: CdcSubscriber | undefined;

  beforeAll(async () => {
    child = spawnCli(['sim', '--salesforce-changes', 'cdc'], cleanEnv({}));
    exited = collect(child, 120_000);
    const printed = await waitForOutput(child, (text) => text.includes('\n'), 30_000);
    line = simLine.parse(JSON.parse(printed.trim()));
  });
  afterAll(async () => {
    await subscriber?.stop();
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('names the Pub/Sub endpoint and its certificate, and the variables that make leadpact subscribe', () => {
    expect(line.env).toMatchObject({
      SALESFORCE_CHANGES: 'cdc',
      SALESFORCE_PUBSUB_ENDPOINT: line.salesforce.pubsub.endpoint,
      SALESFORCE_PUBSUB_CA_FILE: line.salesforce.pubsub.caFile,
    });
    expect(readFileSync(line.salesforce.pubsub.caFile, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it("streams a Lead created through jsforce to a subscriber with the org's session", async () => {
    const env = line.env;
    const conn = new Connection({
      loginUrl: env.SALESFORCE_LOGIN_URL ?? '',
      version: '62.0',
      oauth2: { clientId: env.SALESFORCE_CLIENT_ID ?? '', clientSecret: env.SALESFORCE_CLIENT_SECRET ?? '' },
    });
    await conn.login(env.SALESFORCE_USERNAME ?? '', env.SALESFORCE_PASSWORD ?? '');
    // The integration user may create Leads once provision has granted its permission set.
    expect((await runCli(['provision'], cleanEnv({ ...env, LOG_LEVEL: 'warn' }))).code).toBe(0);
    const received: DecodedChange[] = [];
    let ready = false;
    subscriber = new CdcSubscriber({
      endpoint: line.salesforce.pubsub.endpoint,
      trustedCertificate: readFileSync(line.salesforce.pubsub.caFile, 'utf8'),
      topic: '/data/LeadChangeEvent',
      session: () =>
        Promise.resolve({
          accessToken: conn.accessToken ?? '',
          instanceUrl: conn.instanceUrl,
          orgId: env.SALESFORCE_ORG_ID ?? '',
        }),
      refreshSession: () => Promise.resolve(),
      startAfter: () => Promise.resolve(undefined),
      onEvents: (changes) => {
        ready = true;
        received.push(...changes);
        return Promise.resolve();
      },
      onReplayExpired: () => Promise.resolve(),
    });
    await subscriber.start();
    // The first keepalive says the subscription is in place (it starts at the tip).
    await eventually(() => (ready ? true : undefined), 30_000, 'the subscription');
    const created = await conn.sobject('Lead').create({ LastName: 'Streamed', Company: 'Acme' });
    const [event] = await eventually(() => (received.length > 0 ? received : undefined), 10_000, 'the event');
    expect(event).toMatchObject({ changeType: 'CREATE', recordIds: [created.id], entity: 'Lead' });
    expect(event?.fields).toMatchObject({ LastName: 'Streamed', Company: 'Acme' });
  });

  it('stops on SIGTERM and exits 0', async () => {
    await subscriber?.stop();
    subscriber = undefined;
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });
});
