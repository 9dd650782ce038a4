import { COUNTRY_CODES, type CountryCode, type DataClassification } from '@naperj/contracts';

export { eventSource } from '@naperj/contracts';

/**
 * One CloudEvent as naperj sends it in Kafka binary mode: the attributes travel as `ce_*`
 * headers exactly as written here, the data as the JSON message value.
 */
export interface CloudEvent<T = unknown> {
  /** UUIDv7. */
  id: string;
  /** `urn:naperj:<cc>:<service>`. */
  source: string;
  /** `org.naperj.<entity>.<verb>.v1`. */
  type: string;
  /** RFC 3339, UTC, milliseconds: `2026-11-29T05:00:00.000Z`. */
  time: string;
  /** The entity id; also the Kafka key. */
  subject: string;
  dataclassification: DataClassification;
  /** W3C trace context of the request that caused the event. */
  traceparent?: string;
  data: T;
}

const SOURCE = /^urn:naperj:([a-z]{2}):([a-z-]+)$/;

/** The country of a `ce_source`, or undefined when the source is not a naperj node's. */
export function sourceCountry(source: string): CountryCode | undefined {
  const country = SOURCE.exec(source)?.[1];
  return COUNTRY_CODES.find((c) => c === country);
}

/** `ce_time` as docs/architecture.md, Event envelope, requires it: UTC with milliseconds. */
export function eventTime(date: Date = new Date()): string {
  return date.toISOString();
}
