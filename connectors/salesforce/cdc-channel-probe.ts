import * as grpc from '@grpc/grpc-js';
import type { PubSubSession } from './pubsub/cdc-subscriber';
import {
  channelCredentials,
  pubSubErrorCode,
  pubSubPackage,
  PUBSUB_ERRORS,
  sessionMetadata,
} from './pubsub/pubsub-wire';

/**
 * Whether the Pub/Sub API answers GetTopic for a channel with the integration user's session: the
 * one call that proves the endpoint, its certificate, the session and the channel together.
 * https://developer.salesforce.com/docs/platform/pub-sub-api/references/methods/gettopic-rpc.html
 */

export interface TopicProbe {
  readonly endpoint: string;
  readonly topic: string;
  readonly trustedCertificate?: string | undefined;
  readonly session: PubSubSession;
  readonly timeoutMs?: number;
}

export type TopicAnswer =
  | { readonly ok: true; readonly canSubscribe: boolean }
  | { readonly ok: false; readonly reason: 'unreachable' | 'auth' | 'not_found' | 'other'; readonly detail: string };

export function probeTopic(probe: TopicProbe): Promise<TopicAnswer> {
  const { PubSub } = pubSubPackage();
  const client = new PubSub(probe.endpoint, channelCredentials(probe.trustedCertificate));
  const metadata = sessionMetadata(probe.session);
  const getTopic = client['GetTopic'] as (
    request: { topic_name: string },
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    done: (error: grpc.ServiceError | null, info?: { can_subscribe?: boolean }) => void,
  ) => void;
  return new Promise<TopicAnswer>((resolve) => {
    getTopic.call(
      client,
      { topic_name: probe.topic },
      metadata,
      { deadline: Date.now() + (probe.timeoutMs ?? 10_000) },
      (error, info) => {
        client.close();
        if (error === null) resolve({ ok: true, canSubscribe: info?.can_subscribe !== false });
        else resolve({ ok: false, reason: reasonOf(error), detail: error.details || error.message });
      },
    );
  });
}

function reasonOf(error: grpc.ServiceError): 'unreachable' | 'auth' | 'not_found' | 'other' {
  const code = pubSubErrorCode(error.metadata);
  if (code === PUBSUB_ERRORS.auth || error.code === grpc.status.UNAUTHENTICATED) return 'auth';
  if (code === PUBSUB_ERRORS.topicNotFound || error.code === grpc.status.NOT_FOUND) return 'not_found';
  if (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED) return 'unreachable';
  return 'other';
}
