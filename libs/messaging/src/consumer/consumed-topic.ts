import {
  type CountryCode,
  type EventVisibility,
  privateEventsTopic,
  type ServiceName,
  type SharedStream,
  sharedTopic,
} from '@naperj/contracts';

/** A topic a consumer group reads, with what the contracts say about it. */
export interface ConsumedTopic {
  name: string;
  /** The country whose node writes the topic: the prefix of its name. */
  origin: CountryCode;
  visibility: EventVisibility;
  /** The shared stream, or for a private topic the service whose events it carries. */
  stream: SharedStream | ServiceName;
}

/**
 * What a consumer group reads, named by the contracts rather than by topic patterns:
 * - `{ private: service }`: the node's own `<cc>.<service>.events.v1`;
 * - `{ shared: stream }`: every peer's `<peer>.shared.<stream>.v1` (`origins: 'all'` adds the
 *   node's own);
 * - `{ topic }`: one topic described by hand, for tests that need topics of their own.
 */
export type Subscription =
  | { private: ServiceName }
  | { shared: SharedStream; origins?: 'peers' | 'all' }
  | { topic: ConsumedTopic };

/** The node whose topics a subscription resolves to. */
export interface TopicScope {
  country: CountryCode;
  peers: readonly CountryCode[];
}

/** The explicit topic list of a group, each topic once. */
export function subscribedTopics(subscriptions: readonly Subscription[], scope: TopicScope): ConsumedTopic[] {
  const topics = new Map<string, ConsumedTopic>();
  for (const topic of subscriptions.flatMap((subscription) => topicsOf(subscription, scope))) {
    topics.set(topic.name, topic);
  }
  if (topics.size === 0) throw new Error('A consumer group needs at least one topic to subscribe to');
  return [...topics.values()];
}

function topicsOf(subscription: Subscription, { country, peers }: TopicScope): ConsumedTopic[] {
  if ('topic' in subscription) return [subscription.topic];
  if ('private' in subscription) {
    const service = subscription.private;
    return [{ name: privateEventsTopic(country, service), origin: country, visibility: 'private', stream: service }];
  }
  const { shared: stream, origins = 'peers' } = subscription;
  const countries = origins === 'all' ? [country, ...peers] : peers;
  return countries.map((origin) => ({ name: sharedTopic(origin, stream), origin, visibility: 'shared', stream }));
}
