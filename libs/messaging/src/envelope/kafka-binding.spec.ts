import { generateKeyPairSync } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { type CloudEvent, eventSource, sourceCountry } from './cloud-event';
import { EventSigner, TrustStore } from './event-signature';
import { fromKafkaMessage, HEADERS, toKafkaMessage, tombstoneOf } from './kafka-binding';
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
    expect(message.headers).toMatchObject({
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
    });
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
    expect(fromKafkaMessage(without(HEADERS.type))).toEqual({ ok: false, reason: 'missing CloudEvents headers: ce_type' });
    expect(fromKafkaMessage({ ...good, value: Buffer.from('{"id":') })).toEqual({ ok: false, reason: 'the value is not valid JSON' });
    expect(fromKafkaMessage({ ...good, headers: { ...good.headers, ce_time: Buffer.from('2026-11-29T05:00:00Z') } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('milliseconds'),
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
    delete unsigned.headers![HEADERS.sig];
    expect(sharedEventRejection(decode(unsigned), 'mx', trust)).toBe('unsigned event (no ce_sig or ce_sigkid)');
    const tampered = received(toKafkaMessage(event, signer));
    tampered.value = Buffer.from(JSON.stringify({ ...event.data as object, version: 4 }));
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
