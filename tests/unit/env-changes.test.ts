import { loadEnv } from '../../src/config/env';
import { ConfigError } from '../../src/shared/errors';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function problemsOf(source: Record<string, string>, readFile: (path: string) => string = () => PEM) {
  try {
    loadEnv(source, {}, readFile);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

describe('SALESFORCE_CHANGES and the Pub/Sub API settings', () => {
  it('leave the source and channel to the org when unset, with the public Pub/Sub API', () => {
    expect(loadEnv({}).salesforce.changes).toEqual({
      source: undefined,
      pubSubEndpoint: 'api.pubsub.salesforce.com:7443',
      channel: undefined,
      trustedCertificate: undefined,
    });
  });

  it('take cdc with a custom channel and a certificate to trust', () => {
    const env = loadEnv(
      {
        SALESFORCE_CHANGES: 'cdc',
        SALESFORCE_CDC_CHANNEL: '/data/Leadpact__chn',
        SALESFORCE_PUBSUB_ENDPOINT: 'localhost:7443',
        SALESFORCE_PUBSUB_CA_FILE: '/etc/leadpact/pubsub.pem',
      },
      {},
      () => PEM,
    );
    expect(env.salesforce.changes).toEqual({
      source: 'cdc',
      pubSubEndpoint: 'localhost:7443',
      channel: '/data/Leadpact__chn',
      trustedCertificate: PEM,
    });
  });

  it('report a wrong source, channel, endpoint and certificate file by name, saying what is expected', () => {
    const problems = problemsOf(
      {
        SALESFORCE_CHANGES: 'webhooks',
        SALESFORCE_CDC_CHANNEL: '/event/Lead',
        SALESFORCE_PUBSUB_ENDPOINT: 'https://api.pubsub.salesforce.com',
        SALESFORCE_PUBSUB_CA_FILE: '/nowhere.pem',
      },
      () => {
        throw new Error('ENOENT');
      },
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'SALESFORCE_CHANGES', message: expect.stringContaining('outbound, cdc, poll') as unknown },
        { path: 'SALESFORCE_CDC_CHANNEL', message: expect.stringContaining('/data/ChangeEvents') as unknown },
        { path: 'SALESFORCE_PUBSUB_ENDPOINT', message: expect.stringContaining('host:port') as unknown },
        { path: 'SALESFORCE_PUBSUB_CA_FILE', message: 'the file cannot be read' },
      ]),
    );
  });
});
