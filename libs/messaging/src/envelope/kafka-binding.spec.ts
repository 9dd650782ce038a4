import { CLOUD_EVENT_HEADERS } from '@naperj/contracts';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { type CloudEvent, eventSource, sourceCountry } from './cloud-event';
import { EventSigner, TrustStore } from './event-signature';
import { fromKafkaMessage, toKafkaMessage, tombstoneOf } from './kafka-binding';
import { sharedEventRejection } from './verify-shared-event';

const mxKeys = generateKeyPairSync('ed25519');
const signer = new EventSigner('mx-2026-11', mxKeys.privateKey);
const trust = new TrustStore().trust('mx', 'mx-2026-11', mxKeys.publicKey);

const event: CloudEvent = {
  id: '0193a5f0-7c1e-7b3a-9d2e-5f1a2b3c4d5e',
  source: eventSource('mx', 'submissions'),
  type: 'org.naperj.submission.published.v1',
  time: '2026-11-29T05:00:00.000Z',
  subject: '0193a5f0-0000-7000-8000-000000000001',
  dataclassification: 'confidential',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  data: { id: '0193a5f0-0000-7000-8000-000000000001', country: 'mx', version: 3, title: { es: 'Promotoras comunitarias de salud' } },
};

/** What a consumer receives: header values as Buffers. */
function received(message: ReturnType<typeof toKafkaMessage>): KafkaMessage {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]));
  return { key: Buffer.from(String(message.key)), value: message.value as Buffer, headers, timestamp: '0', attributes: 0, offset: '0' };
}

describe('Kafka binary mode', () => {
  it('writes every CloudEvents attribute as a ce_ header and the data as JSON, keyed by subject', () => {
    const message = toKafkaMessage(event, signer);
    expect(message.key).toBe(event.subject);
    expect(JSON.parse(String(message.value))).toEqual(event.data);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: 'urn:naperj:mx:submissions',
      ce_type: event.type,
      ce_time: event.time,
      ce_subject: event.subject,
      'content-type': 'application/json',
      ce_dataclassification: 'confidential',
      traceparent: event.traceparent,
      ce_sigkid: 'mx-2026-11',
      ce_sig: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) as unknown,
    });
    expect(Object.keys(message)).toEqual(['key', 'value', 'headers']);
  });

  it('sends no traceparent header for an event without one', () => {
    const { traceparent: _, ...untraced } = event;
    expect(toKafkaMessage(untraced, signer).headers).not.toHaveProperty('traceparent');
  });

  it('reads back the same event, and its signature verifies', () => {
    const result = fromKafkaMessage(received(toKafkaMessage(event, signer)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.decoded.event).toEqual(event);
    expect(sharedEventRejection(result.decoded, 'mx', trust)).toBeUndefined();
  });

  it('names what is missing or malformed', () => {
    const good = received(toKafkaMessage(event, signer));
    const without = (header: string) => ({ ...good, headers: { ...good.headers, [header]: undefined } });
    expect(fromKafkaMessage(without(CLOUD_EVENT_HEADERS.type))).toEqual({ ok: false, reason: 'missing CloudEvents headers: ce_type' });
    expect(fromKafkaMessage({ ...good, value: Buffer.from('{"id":') })).toEqual({ ok: false, reason: 'the value is not valid JSON' });
    expect(fromKafkaMessage({ ...good, headers: { ...good.headers, ce_time: Buffer.from('2026-11-29T05:00:00Z') } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('milliseconds') as unknown,
    });
    expect(fromKafkaMessage({ ...good, value: null })).toEqual({ ok: false, reason: 'the message has no value' });
  });

  it('rejects a forged, re-attributed or unsigned shared event', () => {
    const forger = new EventSigner('mx-2026-11', generateKeyPairSync('ed25519').privateKey);
    const decode = (message: KafkaMessage) => {
      const result = fromKafkaMessage(message);
      if (!result.ok) throw new Error(result.reason);
      return result.decoded;
    };
    expect(sharedEventRejection(decode(received(toKafkaMessage(event, forger))), 'mx', trust)).toMatch(/does not verify/);
    expect(sharedEventRejection(decode(received(toKafkaMessage(event, signer))), 'us', trust)).toMatch(/is not a node of us/);
    const unknownKid = new EventSigner('mx-1999-01', mxKeys.privateKey);
    expect(sharedEventRejection(decode(received(toKafkaMessage(event, unknownKid))), 'mx', trust)).toMatch(/unknown signing key "mx-1999-01"/);
    const unsigned = received(toKafkaMessage(event, signer));
    delete unsigned.headers![CLOUD_EVENT_HEADERS.sig];
    expect(sharedEventRejection(decode(unsigned), 'mx', trust)).toBe('unsigned event (no ce_sig or ce_sigkid)');
    const tampered = received(toKafkaMessage(event, signer));
    tampered.value = Buffer.from(JSON.stringify({ ...(event.data as object), version: 4 }));
    expect(sharedEventRejection(decode(tampered), 'mx', trust)).toMatch(/does not verify/);
  });

  it('makes a tombstone with the same key and no value', () => {
    expect(tombstoneOf(event)).toEqual({ key: event.subject, value: null });
  });

  it('reads the country of a source', () => {
    expect(sourceCountry('urn:naperj:ca:expert-network')).toBe('ca');
    expect(sourceCountry('urn:naperj:br:submissions')).toBeUndefined();
    expect(sourceCountry('https://example.org')).toBeUndefined();
  });
});

/**
 * A record exactly as the hand-written binding (before the cloudevents SDK) wrote it, with a
 * fixed Ed25519 key: Ed25519 signatures are deterministic, so the same event must give the
 * same bytes and the same ce_sig, and records already in Kafka must still decode and verify.
 * Its ce_sig is that of the length-prefixed signed input (docs/architecture.md, Signature).
 */
const golden = {
  privateKey: createPrivateKey({
    key: Buffer.from('MC4CAQAwBQYDK2VwBCIEIPmPQ5voZlGzdrIUPeND2/O4yRBeZwOiHG7mHJajuRfe', 'base64'),
    format: 'der',
    type: 'pkcs8',
  }),
  publicKey: createPublicKey({ key: Buffer.from('MCowBQYDK2VwAyEAUlSQOsjLwxKjhJseYtLTkb+2GKph+KO9eSE5k6fJP8A=', 'base64'), format: 'der', type: 'spki' }),
  key: '0193a5f0-0000-7000-8000-000000000001',
  value:
    'eyJpZCI6IjAxOTNhNWYwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMSIsImNvdW50cnkiOiJteCIsInZlcnNpb24iOjMsInRpdGxlIjp7ImVzIjoiUHJvbW90b3JhcyBjb211bml0YXJpYXMgZGUgc2FsdWQifX0=',
  headers: {
    ce_specversion: '1.0',
    ce_id: '0193a5f0-7c1e-7b3a-9d2e-5f1a2b3c4d5e',
    ce_source: 'urn:naperj:mx:submissions',
    ce_type: 'org.naperj.submission.published.v1',
    ce_time: '2026-11-29T05:00:00.000Z',
    ce_subject: '0193a5f0-0000-7000-8000-000000000001',
    'content-type': 'application/json',
    ce_dataclassification: 'confidential',
    ce_sigkid: 'mx-2026-11',
    ce_sig: 'zDeP2i46ggB63v8KfJ5kKmskrc0PgYocm8KMGaEKz7njbYZ4XCbhFVnw9WQcIVu1wM8HDNuO1066guqLj_wtBQ',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  },
};

describe('wire compatibility with the hand-written binding', () => {
  it('writes the same key, value bytes, headers and signature', () => {
    const message = toKafkaMessage(event, new EventSigner('mx-2026-11', golden.privateKey));
    expect(message.key).toBe(golden.key);
    expect(Buffer.compare(message.value as Buffer, Buffer.from(golden.value, 'base64'))).toBe(0);
    expect(message.headers).toEqual(golden.headers);
  });

  it('reads a record it wrote, as kafkajs hands it over, and the signature verifies', () => {
    const headers = Object.fromEntries(Object.entries(golden.headers).map(([name, value]) => [name, Buffer.from(value)]));
    const result = fromKafkaMessage({ key: Buffer.from(golden.key), value: Buffer.from(golden.value, 'base64'), headers });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.decoded.event).toEqual(event);
    expect(result.decoded).toMatchObject({ specversion: '1.0', sigkid: 'mx-2026-11', sig: golden.headers.ce_sig });
    expect(sharedEventRejection(result.decoded, 'mx', new TrustStore().trust('mx', 'mx-2026-11', golden.publicKey))).toBeUndefined();
  });
});

describe('what the decoder refuses, with a reason and without throwing', () => {
  const good = () => received(toKafkaMessage(event, signer));
  type Headers = Record<string, Buffer | string | null | undefined | (Buffer | string | null)[]>;
  const withHeaders = (headers: Headers) => {
    const message = good();
    return { ...message, headers: { ...message.headers, ...headers } as KafkaMessage['headers'] };
  };
  const decode = (message: Parameters<typeof fromKafkaMessage>[0]) => {
    let result: ReturnType<typeof fromKafkaMessage> | undefined;
    expect(() => (result = fromKafkaMessage(message))).not.toThrow();
    return result!;
  };
  const refused = (reason: string | RegExp) => ({ ok: false, reason: typeof reason === 'string' ? reason : (expect.stringMatching(reason) as unknown) });

  it('a null ce_ header (kafkajs decodes a null header value as null)', () => {
    expect(decode(withHeaders({ ce_id: null }))).toEqual(refused('malformed CloudEvents headers: ce_id has a null value'));
    expect(decode(withHeaders({ ce_sig: null }))).toEqual(refused('malformed CloudEvents headers: ce_sig has a null value'));
  });

  it('a repeated ce_ header or content-type, even when the values agree', () => {
    expect(decode(withHeaders({ ce_type: [Buffer.from(event.type), Buffer.from(event.type)] }))).toEqual(
      refused('malformed CloudEvents headers: ce_type is repeated (2 values)'),
    );
    expect(decode(withHeaders({ ce_sig: [Buffer.from('a'), null], 'content-type': ['application/json', 'application/json'] }))).toEqual(
      refused('malformed CloudEvents headers: content-type is repeated (2 values); ce_sig is repeated (2 values)'),
    );
  });

  it('a ce_ header that is not valid UTF-8', () => {
    expect(decode(withHeaders({ ce_subject: Buffer.from([0x30, 0xc3, 0x28]) }))).toEqual(
      refused('malformed CloudEvents headers: ce_subject is not valid UTF-8'),
    );
    expect(decode(withHeaders({ ce_sigkid: Buffer.from([0xff]) }))).toEqual(refused('malformed CloudEvents headers: ce_sigkid is not valid UTF-8'));
  });

  it('a missing or empty attribute', () => {
    expect(decode(withHeaders({ ce_id: undefined, ce_time: undefined }))).toEqual(refused('missing CloudEvents headers: ce_id, ce_time'));
    expect(decode(withHeaders({ ce_id: [] }))).toEqual(refused('missing CloudEvents headers: ce_id'));
    expect(decode(withHeaders({ ce_source: Buffer.alloc(0) }))).toEqual(refused('empty CloudEvents headers: ce_source'));
    expect(decode({ headers: undefined, value: Buffer.from('{}') })).toEqual(refused(/^missing CloudEvents headers: ce_specversion, ce_id, /));
  });

  it('another specversion or content-type, an unknown classification, a time not in the form or not a date', () => {
    expect(decode(withHeaders({ ce_specversion: '0.3' }))).toEqual(refused('unsupported ce_specversion "0.3"'));
    expect(decode(withHeaders({ 'content-type': 'application/cloudevents+json' }))).toEqual(refused('content-type must be application/json'));
    expect(decode(withHeaders({ 'content-type': undefined }))).toEqual(refused('content-type must be application/json'));
    expect(decode(withHeaders({ ce_dataclassification: 'secret' }))).toEqual(refused('unknown ce_dataclassification "secret"'));
    expect(decode(withHeaders({ ce_time: '2026-11-29T05:00:00Z' }))).toEqual(refused(/is not RFC 3339 UTC with milliseconds$/));
    // The SDK would read these through Date: the first as 2026-03-02, the second throws.
    expect(decode(withHeaders({ ce_time: '2026-02-30T05:00:00.000Z' }))).toEqual(refused('ce_time "2026-02-30T05:00:00.000Z" is not a real date and time'));
    expect(decode(withHeaders({ ce_time: '2026-13-01T05:00:00.000Z' }))).toEqual(refused(/is not a real date and time$/));
  });

  it('an absent, empty or non-JSON value', () => {
    expect(decode({ ...good(), value: null })).toEqual(refused('the message has no value'));
    expect(decode({ ...good(), value: Buffer.alloc(0) })).toEqual(refused('the message value is empty'));
    expect(decode({ ...good(), value: Buffer.from('{"id":') })).toEqual(refused('the value is not valid JSON'));
  });

  it('a key that is absent, not UTF-8 or not the subject; a caller without the key is not asked for it', () => {
    expect(decode({ ...good(), key: null })).toEqual(refused('the message has no key (it must be its ce_subject)'));
    expect(decode({ ...good(), key: Buffer.alloc(0) })).toEqual(refused('the message has no key (it must be its ce_subject)'));
    expect(decode({ ...good(), key: Buffer.from([0xc3]) })).toEqual(refused('the message key is not valid UTF-8'));
    expect(decode({ ...good(), key: Buffer.from('another') })).toEqual(refused(`the message key "another" is not its ce_subject "${event.subject}"`));
    const { headers, value } = good();
    expect(decode({ headers, value }).ok).toBe(true);
  });

  it('a ce_ header whose name is no CloudEvents attribute name', () => {
    expect(decode(withHeaders({ ce_Reviewer: 'x', ce_data: 'x', ce_data_base64: 'eA==', ce___proto__: 'x' }))).toEqual(
      refused('invalid CloudEvents attribute names: ce_Reviewer, ce_data, ce_data_base64, ce___proto__'),
    );
  });

  it('what the CloudEvents schema (the SDK) refuses: a source that is no URI reference', () => {
    expect(decode(withHeaders({ ce_source: 'urn:naperj:mx:a b' }))).toEqual(
      refused('not a valid CloudEvent: invalid payload: /source must match format "uri-reference"'),
    );
  });

  it('accepts an extension it does not know, and ignores headers outside the binding', () => {
    const result = decode(withHeaders({ ce_partitionkey: 'other', ce_comexampleextra: 'x', 'Content-Type': 'application/cloudevents+json', constructor: 'y' }));
    expect(result.ok && result.decoded.event).toEqual(event);
  });

  it('a null, repeated or undecodable header of any other name: naperj writes each once, as text', () => {
    expect(decode(withHeaders({ traceparent: null }))).toEqual(refused('malformed CloudEvents headers: traceparent has a null value'));
    expect(decode(withHeaders({ traceparent: ['a', 'b'] }))).toEqual(refused('malformed CloudEvents headers: traceparent is repeated (2 values)'));
    expect(decode(withHeaders({ 'x-note': Buffer.from([0xc3, 0x28]) }))).toEqual(refused('malformed CloudEvents headers: x-note is not valid UTF-8'));
  });

  it('reads traceparent', () => {
    const result = decode(withHeaders({ traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01') }));
    expect(result.ok && result.decoded.event.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('never throws, whatever the headers hold', () => {
    const odd: Headers[] = [
      { ce_data: 'x' },
      { ce_data_base64: '!!!' },
      { ce_partitionkey: 'other' },
      { ce___proto__: 'x', constructor: 'y', ['__proto__']: 'z' },
      { ce_id: 42 as unknown as string },
      { 'Content-Type': 'application/cloudevents+json' },
    ];
    for (const headers of odd) decode(withHeaders(headers));
    decode({ headers: { ce_id: [undefined] }, value: null });
  });
});

describe('the signature covers the Kafka key', () => {
  const decodedOf = (message: Parameters<typeof fromKafkaMessage>[0]) => {
    const result = fromKafkaMessage(message);
    if (!result.ok) throw new Error(result.reason);
    return result.decoded;
  };

  it('verifies a record read with its key, and refuses one read without it', () => {
    const message = received(toKafkaMessage(event, signer));
    expect(sharedEventRejection(decodedOf(message), 'mx', trust)).toBeUndefined();
    expect(sharedEventRejection(decodedOf({ headers: message.headers, value: message.value }), 'mx', trust)).toMatch(/key/);
  });

  it('refuses a record whose key bytes are not those signed', () => {
    const decoded = decodedOf(received(toKafkaMessage(event, signer)));
    expect(sharedEventRejection({ ...decoded, key: Buffer.from('another-subject') }, 'mx', trust)).toMatch(/does not verify/);
  });
});
