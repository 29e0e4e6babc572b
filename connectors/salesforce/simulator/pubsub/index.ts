import type { SchemaRegistry } from '../schema/registry';
import { ChangeCapture, DEFAULT_OVERFLOW_LIMIT, type CommittedRecords, type DropFilter } from './change-capture';
import { DEFAULT_RETENTION_MS, EventBus } from './event-bus';
import { DEFAULT_KEEPALIVE_MS, PubSubServer } from './pubsub-server';
import { simulatorIdentity } from './tls';

/** How the simulated org reports changes through Change Data Capture (the Pub/Sub API). */
export interface ChangeEventOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The objects selected for change notifications in Setup (default Lead, Contact, Account, Opportunity, Task, Event). */
  readonly entities?: readonly string[];
  /** How long events are kept for replay (default 72 hours). */
  readonly retentionMs?: number;
  /** Records one transaction may change before the rest become GAP_OVERFLOW (default 100,000). */
  readonly overflowLimit?: number;
  /** How often an idle subscription gets its keepalive (default 270 s, as the platform). */
  readonly keepaliveMs?: number;
}

/** The Pub/Sub endpoint of a simulated org, and what a test may do to its event bus. */
export interface PubSubEndpoint {
  /** host:port of the gRPC endpoint (TLS). */
  readonly address: string;
  /** The endpoint's self-signed certificate (PEM): give it to the client to trust. */
  readonly certificate: string;
  /** The next `count` transactions (changing a record, by a user, when given) reach subscribers as GAP events only. */
  dropTransactions(count: number, filter?: DropFilter): void;
  setRetention(ms: number): void;
  setOverflowLimit(records: number): void;
  /** Ends every open subscription with UNAVAILABLE, as a service restart does. */
  dropStreams(): void;
  /** A custom channel "Name__chn" and its member objects, as PlatformEventChannel(Member) define them. */
  defineChannel(name: string, entities: readonly string[]): void;
}

const DEFAULT_ENTITIES = ['Lead', 'Contact', 'Account', 'Opportunity', 'Task', 'Event'];

export interface ChangeEventsDeps {
  readonly orgId: string;
  readonly apiVersion: string;
  readonly registry: SchemaRegistry;
  readonly store: CommittedRecords;
  readonly now: () => number;
  readonly instanceHost: () => string;
  readonly userOf: (token: string) => string | undefined;
  /**
   * The org's channel members as the Tooling API holds them (PlatformEventChannelMember): the channel's
   * FullName (ChangeEvents, or Name__chn) and the change event it carries (LeadChangeEvent).
   */
  readonly members?: () => readonly { readonly channel: string; readonly event: string }[];
}

/** The object a change event belongs to: LeadChangeEvent → Lead, Foo__ChangeEvent → Foo__c. */
function entityOf(event: string): string {
  return event.endsWith('__ChangeEvent') ? event.replace(/__ChangeEvent$/, '__c') : event.replace(/ChangeEvent$/, '');
}

/**
 * Change Data Capture of a simulated org: the capture of committed changes, the event bus that
 * keeps them, and the Pub/Sub server that streams them. Topics: /data/ChangeEvents (every selected
 * object), /data/<Object>ChangeEvent (one selected object) and /data/<Name>__chn (a custom channel's
 * members).
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_subscribe_channels.htm
 */
export class ChangeEvents implements PubSubEndpoint {
  readonly bus: EventBus;
  readonly capture: ChangeCapture;
  private readonly server: PubSubServer;
  private readonly selected: ReadonlySet<string>;
  private channels = new Map<string, ReadonlySet<string>>();
  private host = '127.0.0.1';
  certificate = '';

  constructor(
    private readonly deps: ChangeEventsDeps,
    private readonly options: ChangeEventOptions,
  ) {
    this.selected = new Set(options.entities ?? DEFAULT_ENTITIES);
    this.bus = new EventBus(deps.now, options.retentionMs ?? DEFAULT_RETENTION_MS);
    this.capture = new ChangeCapture({
      registry: deps.registry,
      store: deps.store,
      bus: this.bus,
      now: deps.now,
      apiVersion: deps.apiVersion,
      selected: () => this.captured(),
    });
    this.capture.overflowLimit = options.overflowLimit ?? DEFAULT_OVERFLOW_LIMIT;
    this.server = new PubSubServer({
      orgId: deps.orgId,
      instanceHost: deps.instanceHost,
      userOf: deps.userOf,
      bus: this.bus,
      capture: this.capture,
      topicEntities: (topic) => this.topicEntities(topic),
      keepaliveMs: options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS,
    });
  }

  get address(): string {
    // By name: TLS clients may not send an IP address as the server name (RFC 6066).
    return `${this.host === '127.0.0.1' ? 'localhost' : this.host}:${this.server.port}`;
  }

  async listen(host: string): Promise<void> {
    const identity = await simulatorIdentity();
    this.certificate = identity.cert;
    this.host = host;
    await this.server.listen(identity, host, this.options.port ?? 0);
  }

  dropTransactions(count: number, filter: DropFilter = {}): void {
    this.capture.dropTransactions(count, filter);
  }

  setRetention(ms: number): void {
    this.bus.retentionMs = ms;
  }

  setOverflowLimit(records: number): void {
    this.capture.overflowLimit = records;
  }

  dropStreams(): void {
    this.server.dropStreams();
  }

  defineChannel(name: string, entities: readonly string[]): void {
    this.channels.set(name, new Set(entities));
  }

  reset(): void {
    this.bus.clear();
    this.capture.clear();
    this.channels = new Map();
    this.capture.overflowLimit = this.options.overflowLimit ?? DEFAULT_OVERFLOW_LIMIT;
    this.bus.retentionMs = this.options.retentionMs ?? DEFAULT_RETENTION_MS;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Every channel and its objects: those defined here, and the members created through the Tooling API. */
  private allChannels(): Map<string, Set<string>> {
    const all = new Map<string, Set<string>>([['ChangeEvents', new Set(this.selected)]]);
    for (const [name, entities] of this.channels) all.set(name, new Set(entities));
    for (const member of this.deps.members?.() ?? []) {
      const entities = all.get(member.channel) ?? new Set<string>();
      entities.add(entityOf(member.event));
      all.set(member.channel, entities);
    }
    return all;
  }

  private captured(): ReadonlySet<string> {
    const all = new Set<string>();
    for (const entities of this.allChannels().values()) for (const entity of entities) all.add(entity);
    return all;
  }

  private topicEntities(topic: string): ReadonlySet<string> | undefined {
    const channels = this.allChannels();
    const standard = channels.get('ChangeEvents') ?? new Set<string>();
    if (topic === '/data/ChangeEvents') return standard;
    const custom = /^\/data\/(\w+__chn)$/.exec(topic)?.[1];
    if (custom !== undefined) return channels.get(custom);
    const entity = /^\/data\/(\w+)ChangeEvent$/.exec(topic)?.[1];
    return entity !== undefined && standard.has(entity) ? new Set([entity]) : undefined;
  }
}
