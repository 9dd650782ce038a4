/**
 * The one reader of Kafka record headers as kafkajs hands them over.
 *
 * kafkajs gives each header name one value, or an array of values when the name is repeated
 * in the record (in record order). A value is a Buffer as received, a string when the
 * caller built the headers itself, or `null`: Kafka headers may have a null value, which
 * kafkajs decodes as `null` although its `IHeaders` type leaves `null` out. Names are taken
 * exactly as they are (Kafka header names are case-sensitive).
 *
 * Two ways to read them:
 * - {@link readHeaders} and {@link headerText}, lenient, for headers that are hints
 *   (`traceparent` for a span, `dlq_*` on a dead letter): a repeated header gives its first
 *   readable value; `null`, `undefined` and Buffers that are not valid UTF-8 are unreadable
 *   and skipped, so a header with no readable value is absent. Never throws.
 * - {@link readCloudEventHeaders}, strict, for an event's record: naperj writes every header
 *   once, as UTF-8 text, so a repeated one, a `null` one or one that is not valid UTF-8,
 *   whatever its name, makes the whole record malformed (`{ ok: false, reason }`). Never throws.
 */

/** One header value as kafkajs may hand it over at run time. */
export type KafkaHeaderValue = Buffer | string | null | undefined;

/** Record headers as kafkajs hands them over: kafkajs' `IHeaders`, plus the `null` it does not declare. */
export interface KafkaHeaders {
  readonly [name: string]: KafkaHeaderValue | readonly KafkaHeaderValue[];
}

/** Header names the CloudEvents Kafka binding reads: the attributes (`ce_*`) and `content-type` (`datacontenttype`). */
export function isCloudEventHeader(name: string): boolean {
  return name.startsWith('ce_') || name === 'content-type';
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The text of a header value or key, exactly: a Buffer that is valid UTF-8 (a BOM is kept),
 * or a string that encodes to UTF-8 unchanged (no lone surrogate); otherwise undefined.
 */
export function utf8Text(value: unknown): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? undefined : value;
  if (!(value instanceof Uint8Array)) return undefined;
  try {
    return FATAL_UTF8.decode(value);
  } catch {
    return undefined;
  }
}

/** The values of one header, in record order, exactly as kafkajs handed them over; none when absent. */
export function headerValues(headers: KafkaHeaders | null | undefined, name: string): readonly unknown[] {
  if (!headers || !Object.hasOwn(headers, name)) return [];
  const value: unknown = headers[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [value];
  // kafkajs collects a record's headers in a plain object and takes an inherited member
  // (`constructor`, `toString`) for an earlier value of that name: it is no header value.
  return Object.hasOwn(Object.prototype, name) && value[0] === (Object.prototype as Record<string, unknown>)[name] ? value.slice(1) : value;
}

function firstReadable(values: readonly unknown[]): string | undefined {
  for (const value of values) {
    const text = utf8Text(value);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * Lenient: the text of header `name`, its first readable value when repeated; undefined
 * when absent or when no value is readable (`null`, not valid UTF-8).
 */
export function headerText(headers: KafkaHeaders | null | undefined, name: string): string | undefined {
  return firstReadable(headerValues(headers, name));
}

/**
 * Lenient: every header that has a readable value, as text (the first readable value of a
 * repeated header); unreadable ones are left out. The object has no prototype, so a header
 * named like an `Object.prototype` member is read as a header, never as that member.
 */
export function readHeaders(headers: KafkaHeaders | null | undefined): Record<string, string> {
  const texts = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name);
    if (text !== undefined) texts[name] = text;
  }
  return texts;
}

export type CloudEventHeaders = { ok: true; headers: Record<string, string> } | { ok: false; reason: string };

/**
 * Strict: every header of an event's record as text. Each must have exactly one value, not
 * `null`, valid UTF-8 (an empty value is read as `''`; whether it may be empty is the
 * binding's call). A repeated, null or undecodable header makes the record malformed, with
 * every such header named in `reason`.
 */
export function readCloudEventHeaders(headers: KafkaHeaders | null | undefined): CloudEventHeaders {
  const texts = Object.create(null) as Record<string, string>;
  const problems: string[] = [];
  for (const name of Object.keys(headers ?? {})) {
    const values = headerValues(headers, name);
    if (values.length === 0) continue;
    if (values.length > 1) {
      problems.push(`${name} is repeated (${values.length} values)`);
      continue;
    }
    const [value] = values;
    if (value === null || value === undefined) {
      problems.push(`${name} has a null value`);
      continue;
    }
    const text = utf8Text(value);
    if (text === undefined) {
      problems.push(typeof value === 'string' || value instanceof Uint8Array ? `${name} is not valid UTF-8` : `${name} is neither bytes nor text`);
      continue;
    }
    texts[name] = text;
  }
  return problems.length > 0 ? { ok: false, reason: `malformed CloudEvents headers: ${problems.join('; ')}` } : { ok: true, headers: texts };
}
