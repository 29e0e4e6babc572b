import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { decodeReplayId, encodeReplayId, PUBSUB_ERRORS, pubSubPackage } from '../../pubsub/pubsub-wire';
import type { ChangeCapture } from './change-capture';
import type { BusEvent, EventBus } from './event-bus';
import type { TlsIdentity } from './tls';

/**
 * The Pub/Sub API (eventbus.v1.PubSub) over TLS: Subscribe, GetTopic and GetSchema for change
 * events. Every call carries the accesstoken, instanceurl and tenantid headers of a live session
 * of this org. Subscribe is pull-based: the first FetchRequest names the topic and where to start
 * (LATEST, EARLIEST or after a CUSTOM replay id); events flow only as far as num_requested allows
 * (at most 100 a request), and an empty FetchResponse with the latest replay id is the keepalive.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/references/methods/subscribe-rpc.html
 */

const MAX_REQUESTED = 100;
/** The platform sends a keepalive within 270 seconds when there is nothing to deliver. */
export const DEFAULT_KEEPALIVE_MS = 270_000;

export interface PubSubServerDeps {
  readonly orgId: string;
  readonly instanceHost: () => string;
  readonly userOf: (token: string) => string | undefined;
  readonly bus: EventBus;
  readonly capture: ChangeCapture;
  /** The objects a topic carries, or undefined for a topic this org does not have. */
  readonly topicEntities: (topic: string) => ReadonlySet<string> | undefined;
  readonly keepaliveMs: number;
}

interface FetchRequest {
  topic_name: string;
  replay_preset: 'LATEST' | 'EARLIEST' | 'CUSTOM';
  replay_id: Buffer;
  num_requested: number;
}

function failure(code: grpc.status, errorCode: string, details: string): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', errorCode);
  metadata.set('rpc-id', randomUUID());
  return { code, details, metadata };
}

export class PubSubServer {
  private readonly server = new grpc.Server();
  /** Each open subscription, with what stops its keepalive and listener. */
  private readonly streams = new Map<grpc.ServerDuplexStream<FetchRequest, unknown>, () => void>();
  port = 0;

  constructor(private readonly deps: PubSubServerDeps) {
    const { PubSub } = pubSubPackage();
    this.server.addService(PubSub.service, {
      Subscribe: (call: grpc.ServerDuplexStream<FetchRequest, unknown>) => this.subscribe(call),
      GetTopic: (call: grpc.ServerUnaryCall<{ topic_name: string }, unknown>, done: grpc.sendUnaryData<unknown>) =>
        this.unary(call, done, () => this.topic(call.request.topic_name)),
      GetSchema: (call: grpc.ServerUnaryCall<{ schema_id: string }, unknown>, done: grpc.sendUnaryData<unknown>) =>
        this.unary(call, done, () => this.schema(call.request.schema_id)),
    });
  }

  async listen(identity: TlsIdentity, host: string, port: number): Promise<void> {
    const credentials = grpc.ServerCredentials.createSsl(
      null,
      [{ private_key: Buffer.from(identity.key), cert_chain: Buffer.from(identity.cert) }],
      false,
    );
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(`${host}:${port}`, credentials, (error, bound) =>
        error === null ? resolve(bound) : reject(error),
      ),
    );
  }

  /** Ends every open stream with UNAVAILABLE, as a server restart does. */
  dropStreams(): void {
    for (const call of [...this.streams.keys()])
      call.emit(
        'error',

        Object.assign(
          new Error('stream reset'),
          failure(
            grpc.status.UNAVAILABLE,
            'sfdc.platform.eventbus.grpc.service.unavailable',
            'The service is restarting. Reconnect.',
          ),
        ),
      );
    this.streams.clear();
  }

  /** Ends every subscription with an OK status, then stops (at once after a second if a call hangs on). */
  async close(): Promise<void> {
    for (const [call, stop] of [...this.streams]) {
      stop();
      call.end();
    }
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 1_000);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  /** The caller's failure when its headers are not a live session of this org; undefined when they are. */
  private authFailure(metadata: grpc.Metadata): Partial<grpc.StatusObject> | undefined {
    const header = (name: string) => String(metadata.get(name)[0] ?? '');
    const tenant = header('tenantid');
    const orgMatches = tenant === this.deps.orgId || (tenant.length === 15 && this.deps.orgId.startsWith(tenant));
    let host = '';
    try {
      host = new URL(header('instanceurl')).host;
    } catch {
      // Not a URL: refused below like any other instance.
    }
    if (!orgMatches || host !== this.deps.instanceHost() || this.deps.userOf(header('accesstoken')) === undefined)
      return failure(
        grpc.status.UNAUTHENTICATED,
        PUBSUB_ERRORS.auth,
        'Authentication exception: the session is not valid for this org.',
      );
    return undefined;
  }

  private unary<T>(
    call: grpc.ServerUnaryCall<unknown, unknown>,
    done: grpc.sendUnaryData<unknown>,
    answer: () => T | Partial<grpc.StatusObject>,
  ): void {
    const refused = this.authFailure(call.metadata);
    if (refused !== undefined) return done(refused, null);
    const result = answer();
    if (typeof result === 'object' && result !== null && 'code' in result) return done(result, null);
    done(null, result);
  }

  private topic(name: string): unknown {
    const entities = this.deps.topicEntities(name);
    if (entities === undefined)
      return failure(
        grpc.status.NOT_FOUND,
        PUBSUB_ERRORS.topicNotFound,
        `The topic ${name} does not exist or is not enabled.`,
      );
    const [first] = entities;
    return {
      topic_name: name,
      tenant_guid: this.deps.orgId,
      can_publish: false,
      can_subscribe: true,
      schema_id: first === undefined ? '' : (this.deps.capture.schemaOf(first)?.id ?? ''),
      rpc_id: randomUUID(),
    };
  }

  private schema(id: string): unknown {
    const schema = this.deps.capture.schemaById(id);
    if (schema === undefined)
      return failure(grpc.status.NOT_FOUND, PUBSUB_ERRORS.schemaNotFound, `No schema with id ${id}.`);
    return { schema_json: schema.json, schema_id: schema.id, rpc_id: randomUUID() };
  }

  private subscribe(call: grpc.ServerDuplexStream<FetchRequest, unknown>): void {
    const refused = this.authFailure(call.metadata);
    if (refused !== undefined) return void call.emit('error', Object.assign(new Error(refused.details), refused));
    const state = { entities: undefined as ReadonlySet<string> | undefined, cursor: 0n, pending: 0, topic: '' };
    const fail = (status: Partial<grpc.StatusObject>) => {
      stop();
      call.emit('error', Object.assign(new Error(status.details), status));
    };
    const accept = (event: BusEvent) => state.entities?.has(event.entity) === true;
    // Runs when a request adds credit and when a transaction is appended: committed events go out
    // at once, as far as num_requested allows, with no timer or batching window of the simulator's
    // own (the platform promises delivery, typically within seconds, not a delay to imitate).
    const pump = () => {
      if (state.entities === undefined) return;
      while (state.pending > 0) {
        const events = this.deps.bus.after(state.cursor, accept, Math.min(state.pending, MAX_REQUESTED));
        const last = events.at(-1);
        if (last === undefined) return;
        state.cursor = last.replayId;
        state.pending -= events.length;
        call.write({
          events: events.map((e) => ({
            event: { id: e.id, schema_id: e.schemaId, payload: e.payload, headers: [] },
            replay_id: encodeReplayId(e.replayId),
          })),
          latest_replay_id: encodeReplayId(last.replayId),
          rpc_id: randomUUID(),
          pending_num_requested: state.pending,
        });
      }
    };
    const keepalive = setInterval(() => {
      if (this.deps.userOf(String(call.metadata.get('accesstoken')[0] ?? '')) === undefined)
        return fail(
          failure(
            grpc.status.UNAUTHENTICATED,
            PUBSUB_ERRORS.auth,
            'Authentication exception: the session has expired.',
          ),
        );
      const undelivered = this.deps.bus.after(state.cursor, accept, 1).length > 0;
      const latest = undelivered ? state.cursor : this.deps.bus.latest();
      call.write({
        events: [],
        latest_replay_id: encodeReplayId(latest),
        rpc_id: randomUUID(),
        pending_num_requested: state.pending,
      });
    }, this.deps.keepaliveMs);
    const unlisten = this.deps.bus.onAppend(pump);
    const stop = () => {
      clearInterval(keepalive);
      unlisten();
      this.streams.delete(call);
    };
    this.streams.set(call, stop);
    call.on('data', (request: FetchRequest) => {
      const problem = this.fetch(state, request);
      if (problem !== undefined) return fail(problem);
      pump();
    });
    call.on('end', () => {
      stop();
      call.end();
    });
    call.on('error', stop);
    call.on('cancelled', stop);
  }

  /** Applies one FetchRequest: the first sets the topic and start; every one adds to num_requested. */
  private fetch(
    state: { entities: ReadonlySet<string> | undefined; cursor: bigint; pending: number; topic: string },
    request: FetchRequest,
  ): Partial<grpc.StatusObject> | undefined {
    if (request.num_requested < 1 || request.num_requested > MAX_REQUESTED)
      return failure(
        grpc.status.INVALID_ARGUMENT,
        PUBSUB_ERRORS.invalidRequest,
        `num_requested must be between 1 and ${MAX_REQUESTED}.`,
      );
    if (state.entities !== undefined) {
      if (request.topic_name !== '' && request.topic_name !== state.topic)
        return failure(
          grpc.status.INVALID_ARGUMENT,
          PUBSUB_ERRORS.invalidRequest,
          'The topic cannot change within a subscription.',
        );
      state.pending += request.num_requested;
      return undefined;
    }
    const entities = this.deps.topicEntities(request.topic_name);
    if (entities === undefined)
      return failure(
        grpc.status.NOT_FOUND,
        PUBSUB_ERRORS.topicNotFound,
        `The topic ${request.topic_name} does not exist or is not enabled.`,
      );
    if (request.replay_preset === 'CUSTOM') {
      const replayId = decodeReplayId(request.replay_id);
      if (!this.deps.bus.canResumeAfter(replayId))
        return failure(
          grpc.status.INVALID_ARGUMENT,
          PUBSUB_ERRORS.replayCorrupted,
          'The Replay ID validation failed: it is not valid or is outside the retention window.',
        );
      state.cursor = replayId;
    } else state.cursor = request.replay_preset === 'EARLIEST' ? -1n : this.deps.bus.latest();
    state.entities = entities;
    state.topic = request.topic_name;
    state.pending += request.num_requested;
    return undefined;
  }
}
