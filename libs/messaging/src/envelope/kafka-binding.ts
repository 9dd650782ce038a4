import { CLOUD_EVENT_HEADERS, EVENT_CONTENT_TYPE } from '@naperj/contracts';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { type CloudEvent, type DataClassification, SPEC_VERSION } from './cloud-event';
import { type EventSigner, signedBytes } from './event-signature';

/** Kafka headers of the CloudEvents Kafka binary mode, plus naperj's signature. */
export const HEADERS = CLOUD_EVENT_HEADERS;

const CONTENT_TYPE = EVENT_CONTENT_TYPE;

/** The signed Kafka message of an event: key = subject, value = the JSON data. */
export function toKafkaMessage(event: CloudEvent, signer: EventSigner): Message {
  const value = Buffer.from(JSON.stringify(event.data), 'utf8');
  const headers: IHeaders = {
    [HEADERS.specversion]: SPEC_VERSION,
    [HEADERS.id]: event.id,
    [HEADERS.source]: event.source,
    [HEADERS.type]: event.type,
    [HEADERS.time]: event.time,
    [HEADERS.subject]: event.subject,
    [HEADERS.contentType]: CONTENT_TYPE,
    [HEADERS.dataclassification]: event.dataclassification,
    [HEADERS.sigkid]: signer.kid,
    [HEADERS.sig]: signer.sign(signedBytes(event, value)),
  };
  if (event.traceparent) headers[HEADERS.traceparent] = event.traceparent;
  return { key: event.subject, value, headers };
}

/** The tombstone that follows a withdrawal or erasure on a compacted topic. */
export function tombstoneOf(event: Pick<CloudEvent, 'subject'>): Message {
  return { key: event.subject, value: null };
}

export interface DecodedEvent {
  event: CloudEvent;
  /** The value bytes as received: what the signature covers. */
  rawValue: Buffer;
  specversion: string;
  sigkid?: string;
  sig?: string;
}

export type DecodeResult = { ok: true; decoded: DecodedEvent } | { ok: false; reason: string };

const REQUIRED = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'dataclassification'] as const;
const CLASSIFICATIONS: readonly string[] = ['public', 'confidential', 'internal', 'restricted'];
const RFC3339_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Reads a received message back into an event, or says why it is not one. */
export function fromKafkaMessage(message: Pick<KafkaMessage, 'headers' | 'value'>): DecodeResult {
  const header = (name: string): string | undefined => {
    const value = message.headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  };
  const attributes = Object.fromEntries(REQUIRED.map((name) => [name, header(HEADERS[name])]));
  const missing = REQUIRED.filter((name) => !attributes[name]);
  if (missing.length > 0) return { ok: false, reason: `missing CloudEvents headers: ${missing.map((m) => HEADERS[m]).join(', ')}` };
  if (attributes.specversion !== SPEC_VERSION) return { ok: false, reason: `unsupported ce_specversion "${attributes.specversion}"` };
  if (header(HEADERS.contentType) !== CONTENT_TYPE) return { ok: false, reason: `content-type must be ${CONTENT_TYPE}` };
  if (!CLASSIFICATIONS.includes(attributes.dataclassification!)) {
    return { ok: false, reason: `unknown ce_dataclassification "${attributes.dataclassification}"` };
  }
  if (!RFC3339_UTC_MS.test(attributes.time!)) return { ok: false, reason: `ce_time "${attributes.time}" is not RFC 3339 UTC with milliseconds` };
  if (!message.value) return { ok: false, reason: 'the message has no value' };
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the value is not valid JSON' };
  }
  return {
    ok: true,
    decoded: {
      event: {
        id: attributes.id!,
        source: attributes.source!,
        type: attributes.type!,
        time: attributes.time!,
        subject: attributes.subject!,
        dataclassification: attributes.dataclassification as DataClassification,
        traceparent: header(HEADERS.traceparent),
        data,
      },
      rawValue: message.value,
      specversion: attributes.specversion!,
      sigkid: header(HEADERS.sigkid),
      sig: header(HEADERS.sig),
    },
  };
}
