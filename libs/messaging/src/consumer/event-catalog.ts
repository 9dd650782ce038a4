import { catalogueEntry, type DataClassification, type EventVisibility, isEventType, payloadClass, validateEventData } from '@naperj/contracts';
import { type ConsumedTopic, visibilityOf } from './consumed-topic';

/** Valid data, as the payload class reads it, or what is wrong with it. */
export type EventDataCheck = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** What the consumer needs to know of the event types; the contracts' catalogue unless a test says otherwise. */
export interface EventCatalog {
  /** Whether `type` may travel on `topic`; any other type is dead-lettered as unknown. */
  carries(topic: ConsumedTopic, type: string): boolean;
  /** Checks `data` against the `visibility` payload of `type`. */
  validate(type: string, visibility: EventVisibility, data: unknown): EventDataCheck;
}

/**
 * The catalogue of `@naperj/contracts`: a private topic carries its service's types that
 * have a private payload, a shared topic the types of its stream.
 */
export const CONTRACTS_EVENT_CATALOG: EventCatalog = {
  carries(topic, type) {
    const visibility = visibilityOf(topic.from);
    if (!isEventType(type) || !payloadClass(type, visibility)) return false;
    const entry = catalogueEntry(type);
    return visibility === 'shared' ? entry.shared?.stream === topic.stream : entry.service === topic.stream;
  },
  validate(type, visibility, data) {
    if (!isEventType(type)) return { ok: false, errors: [`unknown event type ${type}`] };
    const check = validateEventData(type, visibility, data);
    if (!check.ok) return check;
    // An instance of the payload class, as `@Payload()` promises, holding only the members
    // the data has: a constructed one would carry undefined members into the database.
    const payload = payloadClass(type, visibility)!;
    return { ok: true, value: Object.assign(Object.create(payload.prototype as object) as object, check.value) };
  },
};

/** Private topics carry internal or restricted data, shared ones the rest (docs/architecture.md, Event envelope). */
const CLASSIFICATIONS: Record<EventVisibility, readonly DataClassification[]> = {
  private: ['internal', 'restricted'],
  shared: ['confidential', 'public'],
};

/** Why an event so classified does not belong on a topic of `visibility`, if it does not. */
export function classificationMismatch(visibility: EventVisibility, classification: DataClassification): string | undefined {
  if (CLASSIFICATIONS[visibility].includes(classification)) return undefined;
  return `ce_dataclassification "${classification}" does not belong on a ${visibility} topic (expected ${CLASSIFICATIONS[visibility].join(' or ')})`;
}
