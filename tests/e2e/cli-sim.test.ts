import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { z } from 'zod';
import { verifyHubSpotSignature } from '../../connectors/hubspot/webhook-signature';
import { outboundAck, parseOutboundMessage } from '../../connectors/salesforce/outbound-message';
import { cleanEnv, collect, runCli, spawnCli, waitForOutput, type CliResult } from '../support/cli';
import { eventually } from '../support/pipeline-harness';

interface Delivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const variables = z.object({
  SALESFORCE_LOGIN_URL: z.string(),
  SALESFORCE_CLIENT_ID: z.string(),
  SALESFORCE_CLIENT_SECRET: z.string(),
  SALESFORCE_USERNAME: z.string(),
  SALESFORCE_PASSWORD: z.string(),
  SALESFORCE_ORG_ID: z.string(),
  HUBSPOT_BASE_URL: z.string(),
  HUBSPOT_ACCESS_TOKEN: z.string(),
  HUBSPOT_CLIENT_SECRET: z.string(),
  HUBSPOT_APP_ID: z.string(),
});

const simLine = z.object({
  salesforce: z.object({ url: z.string(), env: z.record(z.string(), z.string()) }),
  hubspot: z.object({
    url: z.string(),
    env: z.record(z.string(), z.string()),
    developerApiKey: z.string(),
    uiUserToken: z.string(),
  }),
  env: variables,
  webhooks: z.object({ hubspot: z.string(), salesforce: z.string() }),
});

/** Stands in for leadpact: records what the simulators deliver and answers as leadpact would. */
async function receiver(): Promise<{ server: Server; url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      if (req.url === '/webhooks/salesforce') res.writeHead(200, { 'content-type': 'text/xml' }).end(outboundAck());
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, deliveries };
}

describe('leadpact sim, driven with the real SDKs', () => {
  let child: ChildProcess;
  let exited: Promise<CliResult>;
  let sink: Awaited<ReturnType<typeof receiver>>;
  let line: z.infer<typeof simLine>;
  beforeAll(async () => {
    sink = await receiver();
    child = spawnCli(['sim', '--webhook-url', sink.url], cleanEnv({}));
    exited = collect(child, 120_000);
    const printed = await waitForOutput(child, (text) => text.includes('\n'), 30_000);
    line = simLine.parse(JSON.parse(printed.trim()));
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await new Promise<void>((resolve) => sink.server.close(() => resolve()));
  });

  it('prints one JSON line: both URLs and the variables leadpact needs', () => {
    expect(line.env).toMatchObject({
      SALESFORCE_LOGIN_URL: line.salesforce.url,
      SALESFORCE_CLIENT_ID: expect.any(String),
      SALESFORCE_PASSWORD: expect.any(String),
      SALESFORCE_ORG_ID: expect.stringMatching(/^00D/),
      HUBSPOT_BASE_URL: line.hubspot.url,
      HUBSPOT_ACCESS_TOKEN: expect.stringMatching(/^pat-/),
      HUBSPOT_CLIENT_SECRET: expect.any(String),
      HUBSPOT_APP_ID: expect.stringMatching(/^\d+$/),
    });
    expect(line.webhooks).toEqual({
      hubspot: `${sink.url}/webhooks/hubspot`,
      salesforce: `${sink.url}/webhooks/salesforce`,
    });
  });

  it('serves jsforce, and sends the outbound message of a new Lead to URL/webhooks/salesforce', async () => {
    const env = line.env;
    const conn = new Connection({
      loginUrl: env.SALESFORCE_LOGIN_URL,
      version: '62.0',
      oauth2: {
        clientId: env.SALESFORCE_CLIENT_ID,
        clientSecret: env.SALESFORCE_CLIENT_SECRET,
        loginUrl: env.SALESFORCE_LOGIN_URL,
      },
    });
    await conn.login(env.SALESFORCE_USERNAME, env.SALESFORCE_PASSWORD);
    // As in a real org, the API-only integration user may touch no Lead until a permission set says so.
    await expect(conn.sobject('Lead').create({ LastName: 'Early', Company: 'Too Soon' })).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    const provisioned = await runCli(['provision'], cleanEnv({ ...env, LOG_LEVEL: 'warn' }));
    expect(provisioned.code).toBe(0);
    const created = await conn
      .sobject('Lead')
      .create({ LastName: 'Okafor', Company: 'Brightline', Email: 'ada@brightline.example' });
    const id = 'id' in created ? created.id : '';
    const delivery = await eventually(
      () => sink.deliveries.find((d) => d.path === '/webhooks/salesforce'),
      30_000,
      'an outbound message',
    );
    const message = await parseOutboundMessage(delivery.body, env.SALESFORCE_ORG_ID);
    if (!message.ok) throw message.error;
    expect(message.value.organizationId).toBe(env.SALESFORCE_ORG_ID);
    expect(message.value.notifications.map((n) => [n.object, n.recordId])).toContainEqual(['Lead', id]);
  });

  it("serves @hubspot/api-client with the example protocol's marketing properties, and delivers signed webhooks to URL/webhooks/hubspot", async () => {
    const env = line.env;
    const client = new Client({ accessToken: env.HUBSPOT_ACCESS_TOKEN, basePath: env.HUBSPOT_BASE_URL });
    const segment = await client.crm.properties.coreApi.getByName('contacts', 'company_segment');
    expect(segment.options.map((o) => o.value)).toEqual(['smb', 'midmarket', 'enterprise']);
    await client.crm.contacts.basicApi.create({
      properties: { email: 'lin@northwind.example', firstname: 'Lin', demo_requested_date: String(Date.now()) },
      associations: [],
    });
    const delivery = await eventually(
      () => sink.deliveries.find((d) => d.path === '/webhooks/hubspot'),
      30_000,
      'a HubSpot webhook',
    );
    const verified = verifyHubSpotSignature({
      rawBody: delivery.body,
      signature: delivery.headers['x-hubspot-signature-v3'] as string | undefined,
      timestamp: delivery.headers['x-hubspot-request-timestamp'] as string | undefined,
      method: 'POST',
      url: `${sink.url}/webhooks/hubspot`,
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
      now: Date.now(),
    });
    expect(verified.ok).toBe(true);
    const events = z
      .array(z.object({ subscriptionType: z.string() }))
      .parse(JSON.parse(delivery.body.toString('utf8')));
    expect(events.map((e) => e.subscriptionType)).toContain('contact.creation');
  });

  it('refuses a port already in use, naming it', async () => {
    const port = new URL(line.hubspot.url).port;
    const clash = await runCli(['sim', '--hubspot-port', port], cleanEnv({}));
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`a port is already in use (${port})`);
  });

  it('closes both simulators on SIGTERM and exits 0', async () => {
    child.kill('SIGTERM');
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('SIGTERM: stopping the simulators');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    await expect(fetch(`${line.salesforce.url}/services/data`)).rejects.toThrow();
  });
});
