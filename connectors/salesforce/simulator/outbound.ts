import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { KEY_PREFIXES, type IdFactory } from './schema/ids';
import { isAck, notificationsXml } from './outbound-xml';
import type { SchemaRegistry } from './schema/registry';
import type { ChangeEvent, RecordStore } from './store';

/**
 * Outbound messages as a workflow rule "created, and every time it's edited" sends them: each
 * create or update of a configured object queues a Notification; messages carry up to 100, read
 * the record's latest values when sent, and are redelivered with growing back-off (at most two
 * hours apart, for 24 hours) until the endpoint answers with the ACK.
 * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_om_outboundmessaging_understanding.htm
 */

const OUTBOUND_OBJECTS = ['Lead', 'Contact', 'Opportunity', 'Task', 'Event'] as const;
type OutboundObject = (typeof OUTBOUND_OBJECTS)[number];

export const outboundConfigSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  objects: z.array(z.enum(OUTBOUND_OBJECTS)).optional(),
  fields: z.partialRecord(z.enum(OUTBOUND_OBJECTS), z.array(z.string())).optional(),
  /**
   * "Send Session ID": each message's SessionId is a session of the "User to send as" (`sendAs`, a
   * User id; default the integration user), which the receiver may use to call back (off by default,
   * as in Setup).
   */
  sendSessionId: z.boolean().optional(),
  sendAs: z.string().optional(),
  /** First retry delay; Salesforce's schedule is compressed by this so tests run fast. */
  retryBaseMs: z.number().int().min(1).optional(),
  timeoutMs: z.number().int().min(1).optional(),
});

export type OutboundConfig = z.infer<typeof outboundConfigSchema>;

export interface OutboundStats {
  readonly pending: number;
  readonly messagesDelivered: number;
  readonly notificationsDelivered: number;
  readonly attempts: number;
  readonly failedAttempts: number;
  readonly dropped: number;
}

const MAX_PER_MESSAGE = 100;
const DEFAULT_RETRY_BASE_MS = 15_000;
// Real cadence: retries at most 2 h apart, given up after 24 h; both scale with retryBaseMs.
const MAX_INTERVAL_FACTOR = 480;
const GIVE_UP_FACTOR = 5760;
const MAX_RESPONSE_BYTES = 1_000_000;

interface Message {
  readonly object: OutboundObject;
  readonly notifications: readonly { readonly id: string; readonly recordId: string }[];
  readonly firstAt: number;
  attempts: number;
}

export interface OutboundDeps {
  readonly orgId: string;
  readonly apiVersion: string;
  readonly baseUrl: () => string;
  readonly registry: SchemaRegistry;
  readonly store: RecordStore;
  readonly ids: IdFactory;
  /** A live session of this user (undefined: the integration user), for a message that sends one. */
  readonly sessionOf: (userId: string | undefined) => string;
}

export class OutboundDispatcher {
  private config: OutboundConfig | undefined;
  private readonly actionIds = new Map<OutboundObject, string>();
  private queues = new Map<OutboundObject, { id: string; recordId: string }[]>();
  private readonly inFlight = new Set<OutboundObject>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<ClientRequest>();
  private stats_ = { messagesDelivered: 0, notificationsDelivered: 0, attempts: 0, failedAttempts: 0, dropped: 0 };
  private generation = 0;
  private muted = false;

  constructor(private readonly deps: OutboundDeps) {
    deps.store.onCommit((events) => this.enqueue(events));
  }

  /** Points delivery at a new endpoint (or none); what was queued for the old one is dropped. */
  configure(config: OutboundConfig | undefined): void {
    this.stop();
    this.config = config;
    for (const object of OUTBOUND_OBJECTS) {
      if (!this.actionIds.has(object))
        this.actionIds.set(object, this.deps.ids.next(KEY_PREFIXES.WorkflowOutboundMessage));
    }
  }

  /**
   * The outbound messages as Setup holds them, one per object configured: the Tooling API's
   * WorkflowOutboundMessage rows (EntityDefinitionId is the object's name for a standard object;
   * the endpoint is in Metadata, which a query may read for one row at a time).
   * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_workflowoutboundmessage.htm
   */
  definitions(): Record<string, unknown>[] {
    const config = this.config;
    if (config === undefined) return [];
    const objects: readonly OutboundObject[] = config.objects ?? ['Lead', 'Contact', 'Opportunity'];
    return objects.map((object) => {
      const name = `leadpact_${object}`;
      const apiVersion = Number(this.deps.apiVersion);
      return {
        Id: this.actionIds.get(object) ?? '',
        Name: name,
        ApiVersion: apiVersion,
        EntityDefinitionId: object,
        IntegrationUserId: config.sendAs ?? null,
        FullName: `${object}.${name}`,
        Metadata: {
          apiVersion,
          endpointUrl: config.url,
          fields: config.fields?.[object] ?? ['Id'],
          includeSessionId: config.sendSessionId === true,
          integrationUser: config.sendAs ?? null,
          name,
          protected: false,
        },
      };
    });
  }

  /** Runs `fn` without queueing notifications for the changes it commits (seeding history). */
  silently<T>(fn: () => T): T {
    const before = this.muted;
    this.muted = true;
    try {
      return fn();
    } finally {
      this.muted = before;
    }
  }

  stats(): OutboundStats {
    const pending = [...this.queues.values()].reduce((sum, queue) => sum + queue.length, 0);
    return { pending, ...this.stats_ };
  }

  /** Stops timers and aborts deliveries in flight (close / reset). */
  stop(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const request of this.requests) request.destroy();
    this.requests.clear();
    this.inFlight.clear();
    this.queues = new Map();
    this.stats_ = { messagesDelivered: 0, notificationsDelivered: 0, attempts: 0, failedAttempts: 0, dropped: 0 };
  }

  private enabled(object: string): object is OutboundObject {
    const objects: readonly string[] = this.config?.objects ?? ['Lead', 'Contact', 'Opportunity'];
    return this.config !== undefined && objects.includes(object);
  }

  private enqueue(events: readonly ChangeEvent[]): void {
    if (this.muted) return;
    const touched = new Set<OutboundObject>();
    for (const event of events) {
      if (event.kind === 'deleted' || !this.enabled(event.object)) continue;
      const queue = this.queues.get(event.object) ?? [];
      // A record already waiting is sent once, with its latest values.
      if (!queue.some((n) => n.recordId === event.id))
        queue.push({ id: this.deps.ids.next(KEY_PREFIXES.OutboundNotification), recordId: event.id });
      this.queues.set(event.object, queue);
      touched.add(event.object);
    }
    for (const object of touched) this.later(0, () => this.pump(object));
  }

  private later(ms: number, fn: () => void): void {
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (generation === this.generation) fn();
    }, ms);
    this.timers.add(timer);
  }

  private pump(object: OutboundObject): void {
    const queue = this.queues.get(object) ?? [];
    if (this.inFlight.has(object) || queue.length === 0) return;
    this.inFlight.add(object);
    this.send({ object, notifications: queue.splice(0, MAX_PER_MESSAGE), firstAt: Date.now(), attempts: 0 });
  }

  /** The message's XML with each record's current values, or undefined when none is left to send. */
  private body(message: Message): string | undefined {
    const schema = this.deps.registry.object(message.object);
    const wanted = this.config?.fields?.[message.object];
    const fields = (schema?.fields ?? []).filter(
      (f) => wanted === undefined || wanted.some((name) => name.toLowerCase() === f.name.toLowerCase()),
    );
    const header = {
      organizationId: this.deps.orgId,
      actionId: this.actionIds.get(message.object) ?? '',
      baseUrl: this.deps.baseUrl(),
      apiVersion: this.deps.apiVersion,
      ...(this.config?.sendSessionId === true ? { sessionId: this.deps.sessionOf(this.config.sendAs) } : {}),
    };
    const contents = message.notifications.flatMap((n) => {
      const row = this.deps.store.get(message.object, n.recordId);
      return row === undefined ? [] : [{ notificationId: n.id, object: message.object, row, fields }];
    });
    return contents.length === 0 ? undefined : notificationsXml(header, contents);
  }

  private send(message: Message): void {
    const config = this.config;
    if (config === undefined) return;
    const xml = this.body(message);
    if (xml === undefined) {
      this.inFlight.delete(message.object);
      this.pump(message.object);
      return;
    }
    message.attempts += 1;
    this.stats_.attempts += 1;
    const generation = this.generation;
    this.post(config, xml, (acked) => {
      if (generation !== this.generation) return;
      if (acked) this.delivered(message);
      else this.retry(message, config);
    });
  }

  private delivered(message: Message): void {
    this.stats_.messagesDelivered += 1;
    this.stats_.notificationsDelivered += message.notifications.length;
    this.inFlight.delete(message.object);
    this.pump(message.object);
  }

  private retry(message: Message, config: OutboundConfig): void {
    this.stats_.failedAttempts += 1;
    const base = config.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    if (Date.now() - message.firstAt > base * GIVE_UP_FACTOR) {
      this.stats_.dropped += message.notifications.length;
      this.inFlight.delete(message.object);
      this.pump(message.object);
      return;
    }
    this.later(Math.min(base * 2 ** (message.attempts - 1), base * MAX_INTERVAL_FACTOR), () => this.send(message));
  }

  private post(config: OutboundConfig, xml: string, done: (acked: boolean) => void): void {
    const url = new URL(config.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = Buffer.from(xml, 'utf8');
    const headers = {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: '""',
      'Content-Length': String(payload.length),
      'User-Agent': 'Salesforce - OM',
    };
    let finished = false;
    const finish = (acked: boolean) => {
      if (finished) return;
      finished = true;
      this.requests.delete(request);
      done(acked);
    };
    const request = send(
      url,
      { method: 'POST', headers, agent: false, timeout: config.timeoutMs ?? 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        response.on('end', () => finish(isAck(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))));
        response.on('error', () => finish(false));
      },
    );
    this.requests.add(request);
    request.on('timeout', () => request.destroy());
    request.on('error', () => finish(false));
    request.end(payload);
  }
}
