import { CLOUD_EVENT_HEADERS, CLOUD_EVENTS_SPEC_VERSION, DATA_CLASSIFICATIONS, type DataClassification, EVENT_CONTENT_TYPE } from '@naperj/contracts';
import { CloudEvent as SdkCloudEvent, type CloudEventV1, Kafka, ValidationError } from 'cloudevents';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { CloudEvent } from './cloud-event';
import { type EventSigner, signedBytes } from './event-signature';
import { isCloudEventHeader, type KafkaHeaders, readCloudEventHeaders, utf8Text } from './kafka-headers';

/**
 * naperj's CloudEvents in Kafka binary mode, through the `cloudevents` SDK's Kafka binding
 * (`Kafka.binary`, `Kafka.toEvent`). The SDK names the headers (`ce_<attribute>`,
 * `content-type` for `datacontenttype`), maps `partitionkey` to the key and the data to the
 * value, and on reading parses the JSON data and checks the event against the CloudEvents
 * schema. This module keeps what the SDK must not touch: the attributes as signed, byte for
 * byte (docs/architecture.md, Signature), and every refusal as a reason, never a throw.
 */

/**
 * Headers `Kafka.binary` writes that naperj's records do not carry: `ce_datacontenttype`
 * repeats `content-type`, `ce_partitionkey` repeats the key.
 */
const NOT_SENT: ReadonlySet<string> = new Set(['ce_datacontenttype', 'ce_partitionkey']);

/** The signed Kafka message of an event: key = subject, value = the JSON data; the signature covers both. */
export function toKafkaMessage(event: CloudEvent, signer: EventSigner): Message {
  const value = Buffer.from(JSON.stringify(event.data), 'utf8');
  const key = Buffer.from(event.subject, 'utf8');
  const signed = {
    specversion: CLOUD_EVENTS_SPEC_VERSION,
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    subject: event.subject,
    dataclassification: event.dataclassification,
  };
  // A plain CloudEventV1, not the SDK's CloudEvent class: its constructor would fill an empty
  // id or time with its own (unsigned) values and, strict, throw inside the outbox relay.
  const binary = Kafka.binary<Buffer>({
    ...signed,
    datacontenttype: EVENT_CONTENT_TYPE,
    sigkid: signer.kid,
    sig: signer.sign(signedBytes(signed, key, value)),
    partitionkey: event.subject,
    data: value,
  });
  const headers: IHeaders = {};
  for (const [name, text] of Object.entries(binary.headers)) {
    if (typeof text === 'string' && !NOT_SENT.has(name)) headers[name] = text;
  }
  // Not a `ce_` attribute: the W3C trace-context header, which tracing propagators read and
  // the relay rewrites per send span; it is not signed.
  if (event.traceparent) headers[CLOUD_EVENT_HEADERS.traceparent] = event.traceparent;
  // The SDK's record timestamp (the event time) is left out: Kafka stamps the send time.
  return { key: binary.key, value, headers };
}

/** The tombstone that follows a withdrawal or erasure on a compacted topic. */
export function tombstoneOf(event: Pick<CloudEvent, 'subject'>): Message {
  return { key: event.subject, value: null };
}

export interface DecodedEvent {
  event: CloudEvent;
  /** The value bytes as received: what the signature covers. */
  rawValue: Buffer;
  /** The key bytes as received, which the signature covers too; absent when the record was decoded without its key. */
  key?: Buffer;
  specversion: string;
  sigkid?: string;
  sig?: string;
}

export type DecodeResult = { ok: true; decoded: DecodedEvent } | { ok: false; reason: string };

/**
 * A record as a decoder gets it. `key` is optional so that callers holding only headers and
 * value may decode; when given (a kafkajs `KafkaMessage` has it), it must be `ce_subject`.
 */
export interface ReceivedRecord {
  headers?: KafkaHeaders;
  value: Buffer | null;
  key?: Buffer | string | null;
}

/** The attributes every event carries; the signature covers them, so the SDK must hand them back exactly as received. */
const REQUIRED = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'dataclassification'] as const;
const RFC3339_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** CloudEvents attribute names: lowercase ASCII letters and digits; `data` is the value, never a header. */
const ATTRIBUTE_NAME = /^(?!data$)[a-z0-9]+$/;

/** Reads a received message back into an event, or says why it is not one. Never throws. */
export function fromKafkaMessage(message: Pick<KafkaMessage, 'headers' | 'value'> | ReceivedRecord): DecodeResult {
  const read = readCloudEventHeaders(message.headers);
  if (!read.ok) return read;
  const headers = read.headers;
  // Checked before the SDK, which would drop `ce___proto__`, ignore `ce_data` and decode `ce_data_base64`.
  const badNames = Object.keys(headers).filter((name) => name.startsWith('ce_') && !ATTRIBUTE_NAME.test(name.slice(3)));
  if (badNames.length > 0) return { ok: false, reason: `invalid CloudEvents attribute names: ${badNames.join(', ')}` };
  const attributes = Object.fromEntries(REQUIRED.map((name) => [name, headers[CLOUD_EVENT_HEADERS[name]]])) as Record<
    (typeof REQUIRED)[number],
    string | undefined
  >;
  const missing = REQUIRED.filter((name) => attributes[name] === undefined);
  if (missing.length > 0) return { ok: false, reason: `missing CloudEvents headers: ${missing.map((m) => CLOUD_EVENT_HEADERS[m]).join(', ')}` };
  const empty = REQUIRED.filter((name) => attributes[name] === '');
  if (empty.length > 0) return { ok: false, reason: `empty CloudEvents headers: ${empty.map((m) => CLOUD_EVENT_HEADERS[m]).join(', ')}` };
  if (attributes.specversion !== CLOUD_EVENTS_SPEC_VERSION) return { ok: false, reason: `unsupported ce_specversion "${attributes.specversion}"` };
  if (headers[CLOUD_EVENT_HEADERS.contentType] !== EVENT_CONTENT_TYPE) return { ok: false, reason: `content-type must be ${EVENT_CONTENT_TYPE}` };
  if (!(DATA_CLASSIFICATIONS as readonly string[]).includes(attributes.dataclassification!)) {
    return { ok: false, reason: `unknown ce_dataclassification "${attributes.dataclassification}"` };
  }
  const time = attributes.time!;
  if (!RFC3339_UTC_MS.test(time)) return { ok: false, reason: `ce_time "${time}" is not RFC 3339 UTC with milliseconds` };
  // The SDK reads ce_time through Date: it would move 2026-02-30 to 2026-03-02 and throw on month 13.
  if (!isRealTime(time)) return { ok: false, reason: `ce_time "${time}" is not a real date and time` };
  if (message.value === null || message.value === undefined) return { ok: false, reason: 'the message has no value' };
  if (message.value.length === 0) return { ok: false, reason: 'the message value is empty' };
  const rawValue = message.value;
  const keyProblem = 'key' in message && message.key !== undefined ? keyMismatch(message.key, attributes.subject!) : undefined;
  if (keyProblem) return { ok: false, reason: keyProblem };

  let event: CloudEventV1<unknown>;
  try {
    const decoded = Kafka.toEvent<unknown>({
      // Only the binding's own headers: the SDK lowercases every name to pick the content
      // mode, so another header (`Content-Type`) could otherwise switch it to structured.
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => isCloudEventHeader(name))),
      // The SDK's partitionkey, which naperj does not read: the key is checked against ce_subject above.
      key: attributes.subject!,
      value: rawValue,
      body: rawValue,
    } as Parameters<typeof Kafka.toEvent>[0]);
    if (!(decoded instanceof SdkCloudEvent)) return { ok: false, reason: 'not one CloudEvent in binary mode' };
    decoded.validate();
    event = decoded;
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, reason: 'the value is not valid JSON' };
    return { ok: false, reason: `not a valid CloudEvent: ${describe(error)}` };
  }
  const altered = REQUIRED.filter((name) => event[name] !== attributes[name]);
  if (altered.length > 0) return { ok: false, reason: `the CloudEvents SDK did not read ${altered.map((m) => CLOUD_EVENT_HEADERS[m]).join(', ')} as sent` };
  return {
    ok: true,
    decoded: {
      event: {
        id: event.id,
        source: event.source,
        type: event.type,
        time: event.time!,
        subject: event.subject!,
        dataclassification: event['dataclassification'] as DataClassification,
        traceparent: headers[CLOUD_EVENT_HEADERS.traceparent],
        data: event.data,
      },
      rawValue,
      ...('key' in message && message.key ? { key: Buffer.from(message.key) } : {}),
      specversion: event.specversion,
      sigkid: extension(event, 'sigkid'),
      sig: extension(event, 'sig'),
    },
  };
}

function isRealTime(time: string): boolean {
  const ms = Date.parse(time);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === time;
}

/** Why the record's key does not name its subject (key = ce_subject), if it does not. */
function keyMismatch(key: Buffer | string | null, subject: string): string | undefined {
  if (key === null || key.length === 0) return 'the message has no key (it must be its ce_subject)';
  const text = utf8Text(key);
  if (text === undefined) return 'the message key is not valid UTF-8';
  return text === subject ? undefined : `the message key "${text}" is not its ce_subject "${subject}"`;
}

function extension(event: CloudEventV1<unknown>, name: string): string | undefined {
  const value = event[name];
  return typeof value === 'string' ? value : undefined;
}

/** An SDK error on one line: a schema failure lists each failing attribute. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = error instanceof ValidationError ? (error.errors ?? []).map(schemaError) : [];
  const message = details.length > 0 ? `${error.message.split('\n')[0]}: ${details.join('; ')}` : error.message;
  return message.replace(/\s*\n\s*/g, ' ');
}

function schemaError(error: string | { instancePath?: string; message?: string }): string {
  return typeof error === 'string' ? error : `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`;
}
