import {
  catalogueEntry,
  type CountryCode,
  dlqTopic,
  type EventVisibility,
  isEventType,
  privateEventsTopic,
  SERVICE_NAMES,
  type ServiceName,
  type SharedStream,
  sharedTopic,
} from '@naperj/contracts';

/**
 * Where a handler's events come from: `own`, the node's private topic of the service that
 * emits the type; `shared`, the shared topics of the type's stream; `dead-letters`, the
 * node's dead-letter topics, whose records a handler of `DEAD_LETTER_RECORD` reads.
 */
export type HandlerSource = 'own' | 'shared' | 'dead-letters';

/** A topic a consumer group reads, with what the contracts say about it. */
export interface ConsumedTopic {
  name: string;
  /** The country whose node writes the topic: the prefix of its name. */
  origin: CountryCode;
  from: HandlerSource;
  /** The shared stream, or for a private or dead-letter topic the service whose it is. */
  stream: SharedStream | ServiceName;
}

/** The pattern of a handler of dead-letter records (`from: 'dead-letters'`), which are no events of the catalogue. */
export const DEAD_LETTER_RECORD = 'naperj.dead-letter-record';

/** The node whose topics a handler reads. */
export interface TopicScope {
  country: CountryCode;
  peers: readonly CountryCode[];
}

/** Which topics of a shared stream: the partners' (the default), or theirs and the node's own. */
export type SharedOrigins = 'peers' | 'all';

/** The visibility of the events a topic carries, as the contracts classify them. */
export function visibilityOf(from: HandlerSource): EventVisibility {
  return from === 'shared' ? 'shared' : 'private';
}

/**
 * The topics that can deliver `type` from `from` on this node. Throws when none can: a
 * handler no topic feeds is a wiring mistake, found at start rather than by waiting.
 */
export function topicsFor(type: string, from: HandlerSource, origins: SharedOrigins, { country, peers }: TopicScope): ConsumedTopic[] {
  if (from === 'dead-letters') {
    if (type !== DEAD_LETTER_RECORD) throw new Error(`Dead-letter topics carry ${DEAD_LETTER_RECORD} records, not ${type}`);
    return SERVICE_NAMES.map((service) => ({ name: dlqTopic(country, service), origin: country, from, stream: service }));
  }
  if (!isEventType(type)) throw new Error(`${type} is not an event type of the contracts`);
  const entry = catalogueEntry(type);
  if (from === 'own') {
    if (!entry.privatePayload) throw new Error(`${type} never travels on a private topic`);
    return [{ name: privateEventsTopic(country, entry.service), origin: country, from, stream: entry.service }];
  }
  if (!entry.shared) throw new Error(`${type} is never shared`);
  const { stream } = entry.shared;
  const countries = origins === 'all' ? [country, ...peers] : peers;
  return countries.map((origin) => ({ name: sharedTopic(origin, stream), origin, from, stream }));
}
