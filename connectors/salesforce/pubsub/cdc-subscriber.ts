import * as grpc from '@grpc/grpc-js';
import { ChangeEventDecoder, type DecodedChange } from './change-event-decoder';
import {
  channelCredentials,
  decodeReplayId,
  encodeReplayId,
  PUBSUB_ERRORS,
  pubSubErrorCode,
  pubSubPackage,
  sessionMetadata,
} from './pubsub-wire';

/**
 * One Change Data Capture subscription over the Pub/Sub API. It asks for a batch of events
 * (num_requested), hands each batch to `onEvents` and asks for more only once that resolved, so
 * the caller stores the replay id after the events it covers are safely enqueued. It resumes after
 * the stored replay id, reconnects with back-off, refreshes the session on UNAUTHENTICATED, and
 * reports a replay id the bus no longer holds (onReplayExpired) before starting again from the tip.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/retry-rpc-calls.html
 */

export interface PubSubSession {
  readonly accessToken: string;
  readonly instanceUrl: string;
  readonly orgId: string;
}

export interface CdcSubscriberOptions {
  /** host:port of the Pub/Sub API (api.pubsub.salesforce.com:7443). */
  readonly endpoint: string;
  /** A PEM certificate to trust (a simulator's); the system's roots when absent. */
  readonly trustedCertificate?: string | undefined;
  readonly topic: string;
  readonly session: () => Promise<PubSubSession>;
  /** Called after UNAUTHENTICATED: the next `session()` must be a fresh one. */
  readonly refreshSession: () => Promise<void>;
  /** The replay id to resume after; undefined starts at the tip (LATEST). */
  readonly startAfter: () => Promise<bigint | undefined>;
  /**
   * A batch, in order, with the latest replay id it covers; an empty batch is a keepalive. `more`
   * says the server stopped at num_requested: the batch may end inside a transaction.
   */
  readonly onEvents: (changes: readonly DecodedChange[], latestReplayId: bigint, more: boolean) => Promise<void>;
  /** The stored replay id is out of the retention window: the caller reconciles and forgets it. */
  readonly onReplayExpired: (replayId: bigint) => Promise<void>;
  readonly onError?: (error: unknown) => void;
  /** Events asked for at a time (1..100; default 100). */
  readonly batchSize?: number;
  readonly backoffMs?: { readonly initial: number; readonly max: number };
}

/** The most events one FetchRequest may ask for. */
const MAX_REQUESTED = 100;

type Stream = grpc.ClientDuplexStream<unknown, FetchResponse>;

interface FetchResponse {
  readonly events: readonly { event: { schema_id: string; payload: Buffer }; replay_id: Buffer }[];
  readonly latest_replay_id: Buffer;
  readonly pending_num_requested: number;
}

export class CdcSubscriber {
  private client: grpc.Client | undefined;
  private stream: Stream | undefined;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();
  private resumedFrom: bigint | undefined;
  private connected: Promise<void> | undefined;
  /** Responses that arrived while the previous batch was being handled: handed over together. */
  private inbox: FetchResponse[] = [];

  constructor(private readonly options: CdcSubscriberOptions) {}

  /** Subscribes (resolves once the first request is sent); reconnects on its own until stop(). */
  start(): Promise<void> {
    this.stopped = false;
    this.connected = this.connect();
    return this.connected;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stream?.cancel();
    this.stream = undefined;
    await this.work.catch(() => undefined);
    this.client?.close();
    this.client = undefined;
  }

  private grpcClient(): grpc.Client & Record<string, unknown> {
    if (this.client === undefined) {
      const { PubSub } = pubSubPackage();
      const call = grpc.credentials.createFromMetadataGenerator((_params, callback) => {
        this.options.session().then(
          (session) => callback(null, sessionMetadata(session)),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
      const tls = channelCredentials(this.options.trustedCertificate);
      this.client = new PubSub(this.options.endpoint, grpc.credentials.combineChannelCredentials(tls, call));
    }
    return this.client as grpc.Client & Record<string, unknown>;
  }

  /** The schema JSON of an event, by id (one GetSchema call per schema id: the decoder caches). */
  private readonly decoder = new ChangeEventDecoder(
    (schemaId) =>
      new Promise<string>((resolve, reject) => {
        const getSchema = this.grpcClient()['GetSchema'] as (
          request: unknown,
          done: (error: grpc.ServiceError | null, info?: { schema_json: string }) => void,
        ) => void;
        getSchema.call(this.grpcClient(), { schema_id: schemaId }, (error, info) =>
          error === null && info !== undefined ? resolve(info.schema_json) : reject(error ?? new Error('no schema')),
        );
      }),
  );

  /** Change events received from the server so far, handed over or still waiting for the batch in hand. */
  get eventsReceived(): number {
    return this.received;
  }

  private received = 0;

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const after = await this.options.startAfter();
    this.resumedFrom = after;
    const subscribe = this.grpcClient()['Subscribe'] as () => Stream;
    const stream = subscribe.call(this.grpcClient());
    this.stream = stream;
    this.inbox = [];
    stream.on('data', (response: FetchResponse) => {
      if (stream !== this.stream) return;
      this.received += response.events.length;
      this.inbox.push(response);
      if (this.inbox.length > 1) return;
      this.work = this.work
        .then(() => this.handle(stream, this.inbox.splice(0)))
        .catch((error: unknown) => this.fail(stream, error));
    });
    stream.on('error', (error: grpc.ServiceError) => {
      this.work = this.work.then(() => this.retry(stream, error));
    });
    stream.on('end', () => {
      this.work = this.work.then(() => this.retry(stream, undefined));
    });
    stream.write({
      topic_name: this.options.topic,
      replay_preset: after === undefined ? 'LATEST' : 'CUSTOM',
      replay_id: after === undefined ? Buffer.alloc(0) : encodeReplayId(after),
      num_requested: this.batchSize(),
    });
  }

  private batchSize(): number {
    return Math.min(MAX_REQUESTED, Math.max(1, this.options.batchSize ?? MAX_REQUESTED));
  }

  /**
   * Hands over every response that came in since the last batch as one: the server pushes each
   * transaction as it commits, so under load the events of many responses share one batch and one
   * stored replay id instead of queueing behind each other one at a time.
   */
  private async handle(stream: Stream, responses: readonly FetchResponse[]): Promise<void> {
    const last = responses.at(-1);
    if (stream !== this.stream || last === undefined) return;
    const changes: DecodedChange[] = [];
    for (const response of responses)
      for (const event of response.events)
        changes.push(
          await this.decoder.decode(event.event.schema_id, event.event.payload, decodeReplayId(event.replay_id)),
        );
    const more = changes.length > 0 && last.pending_num_requested === 0;
    await this.options.onEvents(changes, decodeReplayId(last.latest_replay_id), more);
    this.failures = 0;
    // What was delivered is asked for again (never more than the batch size was outstanding).
    for (let asked = 0; asked < changes.length && stream === this.stream; asked += MAX_REQUESTED)
      stream.write({ num_requested: Math.min(MAX_REQUESTED, changes.length - asked) });
  }

  /** A batch that could not be handled is not acknowledged: the stream restarts from the stored replay id. */
  private fail(stream: Stream, error: unknown): void {
    this.options.onError?.(error);
    if (stream !== this.stream) return;
    stream.cancel();
    this.schedule();
  }

  private async retry(stream: Stream, error: grpc.ServiceError | undefined): Promise<void> {
    if (stream !== this.stream || this.stopped) return;
    this.stream = undefined;
    const code = pubSubErrorCode(error?.metadata);
    if (error !== undefined && error.code !== grpc.status.CANCELLED) this.options.onError?.(error);
    if (code === PUBSUB_ERRORS.replayCorrupted && this.resumedFrom !== undefined) {
      await this.options.onReplayExpired(this.resumedFrom);
      return this.schedule(0);
    }
    if (error?.code === grpc.status.UNAUTHENTICATED) await this.options.refreshSession();
    this.schedule();
  }

  /** Reconnects after a growing pause (doubling from `initial` up to `max`), at once when told 0. */
  private schedule(delayMs?: number): void {
    if (this.stopped) return;
    const { initial, max } = this.options.backoffMs ?? { initial: 500, max: 30_000 };
    const pause = delayMs ?? Math.min(max, initial * 2 ** this.failures);
    this.failures += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.connected = this.connect().catch((error: unknown) => {
        this.options.onError?.(error);
        this.schedule();
      });
    }, pause);
  }
}
