import { defaultWebhookSubscriptions } from '../../connectors/hubspot/provision-properties';
import { startHubSpotSimulator, type CallCounts } from '../../connectors/hubspot/simulator';
import { startSalesforceSimulator } from '../../connectors/salesforce/simulator';
import { outboundMessageFields } from '../../src/app/inbound/salesforce-fields';
import { FOLLOWED_SALESFORCE_OBJECTS } from '../../src/shared/field-specs';
import { qualified } from './bench-stack';

/**
 * Both simulators in a process of their own, as the CRMs are in production: the benchmark's
 * service shares no event loop or CPU time with them. Driven over the IPC channel of
 * child_process.fork; answers every request with one message.
 */

/** What a leadpact process needs to reach the simulated CRMs, sent once when they listen. */
export interface RemoteSimulators {
  readonly salesforce: {
    readonly url: string;
    readonly apiVersion: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly username: string;
    readonly password: string;
    readonly orgId: string;
    readonly activeUserIds: readonly string[];
    readonly leadQueueId: string;
  };
  readonly hubspot: {
    readonly url: string;
    readonly accessToken: string;
    readonly clientSecret: string;
    readonly appId: string;
  };
}

export interface SimCalls {
  readonly salesforce: number;
  /** Salesforce calls by route ("POST /composite/sobjects/:type"...). */
  readonly salesforceByRoute: Readonly<Record<string, number>>;
  readonly hubspot: CallCounts;
}

export type SimRequest =
  | { readonly op: 'connect'; readonly baseUrl: string; readonly hubspotProperties: readonly string[] }
  | { readonly op: 'create'; readonly from: number; readonly count: number }
  | { readonly op: 'calls' }
  | { readonly op: 'cpu' };

export type SimReply =
  | { readonly op: 'ready'; readonly simulators: RemoteSimulators }
  | { readonly op: 'done' }
  | { readonly op: 'calls'; readonly calls: SimCalls }
  | { readonly op: 'cpu'; readonly usage: NodeJS.CpuUsage };

async function main(): Promise<void> {
  const ratePer10s = Number(process.env['BENCH_HUBSPOT_RATE_PER_10S'] ?? '190');
  // As startSimulatedStack starts them, so the figures stay comparable with the in-process ones.
  const sf = await startSalesforceSimulator({});
  const hs = await startHubSpotSimulator({ webhookRetryBaseMs: 50, ratePer10s, searchLagMs: 0, searchPerSecond: 5 });
  const send = (reply: SimReply) => process.send?.(reply);
  const c = sf.credentials;
  const users = sf
    .records('User')
    .filter((u) => u.IsActive === true && typeof u.Id === 'string' && u.Title !== 'API Integration');
  send({
    op: 'ready',
    simulators: {
      salesforce: {
        url: sf.url,
        apiVersion: sf.apiVersion,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        username: c.username,
        password: `${c.password}${c.securityToken ?? ''}`,
        orgId: c.orgId,
        activeUserIds: users.map((u) => String(u.Id)),
        leadQueueId: sf.defaults().leadQueueId,
      },
      hubspot: {
        url: hs.url,
        accessToken: hs.credentials.accessToken,
        clientSecret: hs.credentials.clientSecret,
        appId: String(hs.credentials.appId),
      },
    },
  });
  process.on('message', (request: SimRequest) => {
    switch (request.op) {
      case 'connect': {
        // As connectNotifications does in the in-process stack (README, "Setting up the CRMs").
        hs.setWebhookTarget(`${request.baseUrl}/webhooks/hubspot`);
        for (const s of defaultWebhookSubscriptions([...request.hubspotProperties]))
          hs.subscribe(s.eventType, s.propertyName);
        hs.subscribe('contact.privacyDeletion');
        sf.setOutbound({
          url: `${request.baseUrl}/webhooks/salesforce`,
          objects: [...FOLLOWED_SALESFORCE_OBJECTS],
          fields: outboundMessageFields(),
          retryBaseMs: 50,
        });
        send({ op: 'done' });
        return;
      }
      case 'create': {
        // As marketers and forms create them in the HubSpot UI.
        for (let n = request.from; n < request.from + request.count; n++) hs.user.createContact(qualified(`b${n}`));
        send({ op: 'done' });
        return;
      }
      case 'calls':
        send({
          op: 'calls',
          calls: { salesforce: sf.calls().total, salesforceByRoute: sf.calls().byRoute, hubspot: hs.calls() },
        });
        return;
      case 'cpu':
        send({ op: 'cpu', usage: process.cpuUsage() });
        return;
    }
  });
  process.on('disconnect', () => {
    void Promise.all([sf.close(), hs.close()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench simulators failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
