import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hubSpotV3Signature } from '../../connectors/hubspot/webhook-signature';
import { outboundAck } from '../../connectors/salesforce/outbound-message';

/** One notification request as a CRM sent it: HubSpot webhooks or a Salesforce outbound message. */
export interface Delivery {
  readonly path: '/webhooks/hubspot' | '/webhooks/salesforce';
  readonly body: Buffer;
}

/**
 * Sits between the simulators' notifications and leadpact. Forwarding, it passes each request on;
 * holding, it acknowledges it as leadpact would and keeps it, for the test to deliver later, in
 * another order, or many times over. HubSpot requests are signed anew for leadpact's URL with a
 * fresh timestamp, as HubSpot signs every attempt.
 */
export class ChaosProxy {
  mode: 'forward' | 'hold' = 'forward';
  /** Every delivery received, in arrival order. */
  readonly received: Delivery[] = [];
  private held: Delivery[] = [];

  private readonly server: Server;
  private port = 0;

  private constructor(
    private readonly serviceUrl: string,
    private readonly clientSecret: string,
  ) {
    this.server = createServer((req, res) => {
      void readBody(req).then(async (body) => {
        const path = req.url === '/webhooks/salesforce' ? '/webhooks/salesforce' : '/webhooks/hubspot';
        const status = await this.accept({ path, body });
        const salesforce = path === '/webhooks/salesforce';
        res
          .writeHead(status, salesforce ? { 'content-type': 'text/xml' } : {})
          .end(salesforce && status === 200 ? outboundAck() : '');
      });
    });
  }

  static async start(serviceUrl: string, clientSecret: string): Promise<ChaosProxy> {
    const proxy = new ChaosProxy(serviceUrl, clientSecret);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.server.address() as AddressInfo).port;
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sends one delivery to leadpact now; `attemptNumber` rewrites a HubSpot body as a redelivery would. Returns the status. */
  async deliver(delivery: Delivery, attemptNumber?: number): Promise<number> {
    let body = delivery.body;
    const headers: Record<string, string> = {
      'content-type': delivery.path === '/webhooks/hubspot' ? 'application/json' : 'text/xml; charset=utf-8',
    };
    if (delivery.path === '/webhooks/hubspot') {
      if (attemptNumber !== undefined) {
        const events = JSON.parse(body.toString('utf8')) as Record<string, unknown>[];
        body = Buffer.from(JSON.stringify(events.map((event) => ({ ...event, attemptNumber }))));
      }
      const timestamp = String(Date.now());
      headers['x-hubspot-request-timestamp'] = timestamp;
      headers['x-hubspot-signature-v3'] = hubSpotV3Signature({
        method: 'POST',
        url: `${this.serviceUrl}${delivery.path}`,
        rawBody: body,
        timestamp,
        clientSecret: this.clientSecret,
      });
    }
    const response = await fetch(`${this.serviceUrl}${delivery.path}`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    return response.status;
  }

  /** Delivers what was held, in the given order, one after the other; returns the statuses. */
  async release(order: (held: readonly Delivery[]) => readonly Delivery[]): Promise<number[]> {
    const held = this.held;
    this.held = [];
    const statuses: number[] = [];
    for (const delivery of order(held)) statuses.push(await this.deliver(delivery));
    return statuses;
  }

  heldCount(): number {
    return this.held.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async accept(delivery: Delivery): Promise<number> {
    this.received.push(delivery);
    if (this.mode === 'forward') return this.deliver(delivery);
    this.held.push(delivery);
    return 200;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
