import type { Message, TopicMessages } from 'kafkajs';
import { type CloudEvent, eventTime } from '../envelope/cloud-event';
import type { EventSigner } from '../envelope/event-signature';
import { toKafkaMessage, tombstoneOf } from '../envelope/kafka-binding';
import type { DeliveryDocument, EventDocument } from './event.schema';
import type { OutboxEntryDocument } from './outbox-entry.schema';
import type { OutgoingEvent } from './publication-batches';

export type PendingEvent = Pick<EventDocument, '_id' | 'subject' | 'version' | 'recordedAt' | 'traceparent' | 'deliveries'>;

export interface Publishable<E> {
  /** The recorded events of the entries. */
  ready: E[];
  /** Entries to delete: their event was never recorded. */
  voided: string[];
}

/**
 * Which of the outbox entries to publish. An entry without its event is skipped: either its
 * append is still in flight (and is its subject's latest version, since the next one
 * needs it recorded), or it lost its race to another entry of its version. Skipping it
 * therefore never lets a version overtake a lower one. It is voided once recorded before
 * `voidBefore`: no append takes that long.
 */
export function selectPublishable<E extends Pick<PendingEvent, '_id'>>(
  entries: readonly Pick<OutboxEntryDocument, '_id' | 'recordedAt'>[],
  events: readonly E[],
  voidBefore: Date,
): Publishable<E> {
  const byId = new Map(events.map((event) => [event._id, event]));
  const ready = entries.flatMap(({ _id }) => byId.get(_id) ?? []);
  const voided = entries.filter(({ _id, recordedAt }) => !byId.has(_id) && recordedAt < voidBefore).map(({ _id }) => _id);
  return { ready, voided };
}

/** Events in the order their messages must reach Kafka: each subject's by version. */
export function inPublicationOrder<E extends Pick<PendingEvent, 'subject' | 'version'>>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.subject === b.subject ? a.version - b.version : a.subject < b.subject ? -1 : 1));
}

/**
 * The signed messages of the events' deliveries, grouped by topic: each subject's in
 * version order, a tombstone right after the message it follows. A delivery carries its
 * entry of `traceparents` (its send span's), else its event's stored one.
 */
export function topicMessagesOf(
  events: readonly PendingEvent[],
  source: string,
  signer: EventSigner,
  traceparents: ReadonlyMap<string, string> = new Map(),
): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const event of inPublicationOrder(events)) {
    for (const delivery of event.deliveries) {
      const messages = byTopic.get(delivery.topic) ?? [];
      messages.push(toKafkaMessage(cloudEventOf(event, delivery, source, traceparents.get(delivery.id)), signer));
      if (delivery.tombstone) messages.push(tombstoneOf(event));
      byTopic.set(delivery.topic, messages);
    }
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Each event's signed messages, as topicMessagesOf makes them, the events in publication order. */
export function outgoingOf<E extends PendingEvent>(
  events: readonly E[],
  source: string,
  signer: EventSigner,
  traceparents: ReadonlyMap<string, string> = new Map(),
): OutgoingEvent<E>[] {
  return inPublicationOrder(events).map((event) => ({ event, topicMessages: topicMessagesOf([event], source, signer, traceparents) }));
}

/**
 * The delivery as a CloudEvent: every signed attribute comes from the stored event, so
 * re-publications carry the same signature. Only `traceparent`, which is not signed, may differ.
 */
export function cloudEventOf(event: PendingEvent, delivery: DeliveryDocument, source: string, traceparent = event.traceparent): CloudEvent {
  return {
    id: delivery.id,
    source,
    type: delivery.type,
    time: eventTime(event.recordedAt),
    subject: event.subject,
    dataclassification: delivery.dataclassification,
    ...(traceparent === null ? {} : { traceparent }),
    data: JSON.parse(delivery.data) as unknown,
  };
}
