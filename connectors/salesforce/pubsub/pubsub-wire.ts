import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * The Pub/Sub API's public interface (vendor/salesforce-pubsub-api/pubsub_api.proto), loaded once
 * for the client and the simulator alike. Field names stay as the proto writes them (keepCase), and
 * bytes stay Buffers: replay ids are opaque bytes.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/guide/grpc-api.html
 */

const PROTO = join('vendor', 'salesforce-pubsub-api', 'pubsub_api.proto');

/** The proto file, found from this file upwards (connectors/salesforce/pubsub, or dist/… when built). */
export function protoPath(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, PROTO);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`the Pub/Sub API interface ${PROTO} is missing from the install`);
  }
}

let loaded: grpc.GrpcObject | undefined;

/** The eventbus.v1 package: its PubSub service client constructor and service definition. */
export function pubSubPackage(): { PubSub: grpc.ServiceClientConstructor } {
  loaded ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(protoPath(), { keepCase: true, longs: Number, enums: String, defaults: true }),
  );
  const eventbus = loaded['eventbus'] as grpc.GrpcObject;
  const v1 = eventbus['v1'] as grpc.GrpcObject;
  return { PubSub: v1['PubSub'] as grpc.ServiceClientConstructor };
}

/** TLS to the Pub/Sub API: the system's roots, and a PEM certificate to trust besides (a simulator's self-signed one). */
export function channelCredentials(trustedCertificate: string | undefined): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(trustedCertificate === undefined ? null : Buffer.from(trustedCertificate));
}

/** The headers that authenticate a call: the session's access token, its instance URL and the org id. */
export function sessionMetadata(session: {
  readonly accessToken: string;
  readonly instanceUrl: string;
  readonly orgId: string;
}): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('accesstoken', session.accessToken);
  metadata.set('instanceurl', session.instanceUrl);
  metadata.set('tenantid', session.orgId);
  return metadata;
}

/**
 * Replay ids are opaque bytes to a subscriber; this org's are 8-byte big-endian counters, as the
 * platform's are in practice. Stored and compared only through these two functions.
 */
export function encodeReplayId(replayId: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(replayId);
  return buffer;
}

export function decodeReplayId(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) return -1n;
  return Buffer.from(bytes).readBigUInt64BE();
}

/** The error code the Pub/Sub API puts in a failed call's trailers ("error-code"). */
export function pubSubErrorCode(metadata: grpc.Metadata | undefined): string | undefined {
  const value = metadata?.get('error-code')[0];
  return value === undefined ? undefined : String(value);
}

/** Error codes of the Pub/Sub API this project uses (https://developer.salesforce.com/docs/platform/pub-sub-api/guide/handling-errors.html). */
export const PUBSUB_ERRORS = {
  auth: 'sfdc.platform.eventbus.grpc.service.auth.error',
  replayCorrupted: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
  topicNotFound: 'sfdc.platform.eventbus.grpc.topic.not.found',
  invalidRequest: 'sfdc.platform.eventbus.grpc.fetch.request.invalid',
  schemaNotFound: 'sfdc.platform.eventbus.grpc.schema.not.found',
} as const;

// In a file of their own: the inbound job schema reads them, and must not load gRPC with them.
export { CHANGE_TYPES, type ChangeType } from './change-types';
