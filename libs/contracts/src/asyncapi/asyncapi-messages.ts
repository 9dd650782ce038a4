import { COUNTRY_CODES, type CountryCode } from '../country/country-code';
import { type JsonSchema, jsonSchemaOf } from '../domain/json-schema';
import { TIMESTAMP_PATTERN } from '../domain/timestamp';
import {
  CLOUD_EVENT_HEADERS as H,
  CLOUD_EVENTS_SPEC_VERSION,
  DEAD_LETTER_HEADERS as D,
  DEAD_LETTER_KINDS,
  EVENT_CONTENT_TYPE,
  eventSource,
} from '../envelope/cloud-event-envelope';
import { BY_SHARING_LEVEL, catalogueEntry, dataClassification, type EventVisibility, payloadClass } from '../events/event-catalogue';
import { EVENT_DATA_EXAMPLES } from '../events/event-data-examples';
import { EVENT_TYPES, type EventType } from '../events/event-types';

/** The Kafka bindings these messages and channels follow. */
export const KAFKA_BINDING_VERSION = '0.5.0';

export const TOMBSTONE_MESSAGE = 'tombstone';
export const DEAD_LETTER_MESSAGE = 'dead-letter';

/** `submission.published.shared`: the components key of a type's message on a visibility. */
export function messageKey(type: EventType, visibility: EventVisibility): string {
  const { entity } = catalogueEntry(type);
  const verb = type.slice(`org.naperj.${entity}.`.length, -'.v1'.length);
  return `${entity}.${verb}.${visibility}`;
}

/** Every type and visibility the catalogue writes somewhere, in catalogue order. */
export function catalogueMessages(): { type: EventType; visibility: EventVisibility }[] {
  return Object.values(EVENT_TYPES).flatMap((type) =>
    (['private', 'shared'] as const).filter((visibility) => payloadClass(type, visibility)).map((visibility) => ({ type, visibility })),
  );
}

/** The payload schemas by class name: messages refer to them, as several types share one. */
export function payloadSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const { type, visibility } of catalogueMessages()) {
    const payload = payloadClass(type, visibility)!;
    schemas[payload.name] ??= jsonSchemaOf(payload);
  }
  return schemas;
}

const TRACEPARENT_PATTERN = '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$';
/** An Ed25519 signature (64 bytes) in base64url without padding. */
const SIGNATURE_PATTERN = '^[A-Za-z0-9_-]{86}$';

/** The CloudEvents Kafka headers of one type on one visibility (docs/architecture.md, Event envelope). */
function eventHeaders(type: EventType, visibility: EventVisibility): object {
  const entry = catalogueEntry(type);
  const classification = entry.classification[visibility]!;
  return {
    type: 'object',
    required: [H.specversion, H.id, H.source, H.type, H.time, H.subject, H.contentType, H.dataclassification, H.sigkid, H.sig],
    properties: {
      [H.specversion]: { type: 'string', const: CLOUD_EVENTS_SPEC_VERSION },
      [H.id]: { type: 'string', format: 'uuid', description: 'UUIDv7, unique per event: consumers skip an id they already applied.' },
      [H.source]: {
        type: 'string',
        enum: COUNTRY_CODES.map((country) => eventSource(country, entry.service)),
        description: `\`urn:naperj:<cc>:${entry.service}\`: the node and service that emitted the event. On a shared topic it must name the topic's country.`,
      },
      [H.type]: { type: 'string', const: type },
      [H.time]: { type: 'string', format: 'date-time', pattern: TIMESTAMP_PATTERN.source, description: 'RFC 3339, UTC, with milliseconds.' },
      [H.subject]: { type: 'string', description: "The entity's id, equal to the data's `id` and to the Kafka key." },
      [H.contentType]: { type: 'string', const: EVENT_CONTENT_TYPE },
      [H.dataclassification]: {
        type: 'string',
        enum: classification === BY_SHARING_LEVEL ? ['confidential', 'public'] : [classification],
        description:
          classification === BY_SHARING_LEVEL
            ? "CloudEvents data-classification extension: `public` when the submission's `sharing` is `public`, `confidential` when it is `trilateral`."
            : 'CloudEvents data-classification extension.',
      },
      [H.traceparent]: { type: 'string', pattern: TRACEPARENT_PATTERN, description: 'W3C trace context of the request that caused the event.' },
      [H.sigkid]: { type: 'string', minLength: 1, description: "The id of the emitting country's signing key, e.g. `mx-2026-11`." },
      [H.sig]: {
        type: 'string',
        pattern: SIGNATURE_PATTERN,
        description:
          'Ed25519 signature, base64url without padding, over the UTF-8 bytes of `ce_specversion`, `ce_id`, `ce_source`, `ce_type`, ' +
          '`ce_time`, `ce_subject` and `ce_dataclassification` as sent, each followed by `\\n`, then the raw value bytes. ' +
          "Verify it with the emitting country's trusted key named by `ce_sigkid`.",
      },
    },
  };
}

const KEY_BINDING = {
  kafka: {
    key: { type: 'string', description: "The event's `ce_subject` (the entity id): one entity's events share a partition, in order." },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
};

/** Made-up values for the headers of examples: the signature is well-formed but verifies nothing. */
const EXAMPLE = {
  id: '01a225da-5000-7000-8000-000000000001',
  time: '2026-11-03T17:20:05.123Z',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  sig: 'A'.repeat(86),
};

/** The examples' submission is shared publicly; its withdrawal carries no `sharing` to say so. */
const EXAMPLE_SHARING = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].shared.sharing;
/** An erasure receipt is sent by the node that erased its copy, not by the profile's own. */
const EXAMPLE_EMITTER: Partial<Record<EventType, CountryCode>> = { [EVENT_TYPES.expertErased]: 'ca' };

function example(type: EventType, visibility: EventVisibility): object {
  const payload = (EVENT_DATA_EXAMPLES[type] as Partial<Record<EventVisibility, { id: string; country: CountryCode }>>)[visibility]!;
  const emitter = EXAMPLE_EMITTER[type] ?? payload.country;
  return {
    name: `${emitter}-${visibility}`,
    summary: `As the ${emitter} node writes it; the signature is a placeholder.`,
    headers: {
      [H.specversion]: CLOUD_EVENTS_SPEC_VERSION,
      [H.id]: EXAMPLE.id,
      [H.source]: eventSource(emitter, catalogueEntry(type).service),
      [H.type]: type,
      [H.time]: EXAMPLE.time,
      [H.subject]: payload.id,
      [H.contentType]: EVENT_CONTENT_TYPE,
      [H.dataclassification]: dataClassification(type, visibility, EXAMPLE_SHARING),
      [H.traceparent]: EXAMPLE.traceparent,
      [H.sigkid]: `${emitter}-2026-11`,
      [H.sig]: EXAMPLE.sig,
    },
    payload,
  };
}

function title(type: EventType, visibility: EventVisibility): string {
  const words = messageKey(type, visibility).split('.').slice(0, 2).join(' ').replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${visibility === 'private' ? 'full internal view' : 'shareable view'})`;
}

function summary(type: EventType, visibility: EventVisibility): string {
  const entry = catalogueEntry(type);
  if (visibility === 'private') return `The full internal view, on \`<cc>.${entry.service}.events.v1\`; never leaves its node.`;
  const tombstone = entry.tombstone ? ' A tombstone with the same key follows it.' : '';
  return `The shareable view, on \`<cc>.shared.${entry.shared!.stream}.v1\`, replicated to every partner.${tombstone}`;
}

/** The message of one type on one visibility: CloudEvents headers, the payload class's schema, an example. */
export function eventMessage(type: EventType, visibility: EventVisibility): object {
  return {
    name: messageKey(type, visibility),
    title: title(type, visibility),
    summary: summary(type, visibility),
    contentType: EVENT_CONTENT_TYPE,
    headers: eventHeaders(type, visibility),
    payload: { $ref: `#/components/schemas/${payloadClass(type, visibility)!.name}` },
    tags: [{ name: catalogueEntry(type).entity }, { name: visibility }],
    bindings: KEY_BINDING,
    examples: [example(type, visibility)],
  };
}

/** What follows a withdrawal or erasure on a compacted shared topic. */
export const tombstoneMessage = {
  name: TOMBSTONE_MESSAGE,
  title: 'Tombstone',
  summary:
    'Same key as the withdrawal or erasure before it, no value and no headers: compaction then removes the entity from every cluster the topic was copied to.',
  payload: { type: 'null' },
  bindings: KEY_BINDING,
};

/** A record a consumer could not apply, as its DLQ keeps it. */
export const deadLetterMessage = {
  name: DEAD_LETTER_MESSAGE,
  title: 'Dead letter',
  summary:
    'A record a consumer of the node could not apply: its key, value and headers as received (less header values that were null), plus why and where from; cut down, and marked `dlq_truncated`, when too large for the dead-letter topic.',
  payload: { description: "The value as received: usually an event's JSON data, but anything when the record was undecodable." },
  headers: {
    type: 'object',
    required: [D.reason, D.reasonKind, D.sourceTopic, D.sourcePartition, D.sourceOffset, D.group, D.failedAt],
    description: "Besides these, the record's own headers as received (the `ce_*` headers of an event).",
    properties: {
      [D.reason]: { type: 'string', maxLength: 2000, description: 'What was wrong, for people.' },
      [D.reasonKind]: {
        type: 'string',
        enum: Object.keys(DEAD_LETTER_KINDS),
        description: Object.entries(DEAD_LETTER_KINDS)
          .map(([kind, meaning]) => `\`${kind}\`: ${meaning}`)
          .join(' '),
      },
      [D.sourceTopic]: { type: 'string', description: 'The topic the record was read from.' },
      [D.sourcePartition]: { type: 'string', pattern: '^[0-9]+$' },
      [D.sourceOffset]: { type: 'string', pattern: '^[0-9]+$' },
      [D.group]: { type: 'string', description: 'The consumer group that gave up on it, e.g. `mx.submissions.peer-catalog`.' },
      [D.failedAt]: { type: 'string', format: 'date-time', pattern: TIMESTAMP_PATTERN.source },
      [D.truncated]: {
        type: 'string',
        pattern: '^(value|key|headers)(,(value|key|headers))*$',
        description:
          "Only when the record was too large for the dead-letter topic: what was cut to fit. `value`: the value is the start of the one received; `key`: the key is left out; `headers`: the record's own headers that did not fit are left out.",
      },
      [D.valueSha256]: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description: 'With `dlq_truncated`: the SHA-256 of the whole value received, lowercase hex.',
      },
      [D.valueBytes]: { type: 'string', pattern: '^[0-9]+$', description: 'With `dlq_truncated`: the length in bytes of the whole value received.' },
    },
  },
  bindings: {
    kafka: { key: { type: 'string', description: 'The key as received.' }, bindingVersion: KAFKA_BINDING_VERSION },
  },
};
