import { CLOUD_EVENT_HEADERS } from '@naperj/contracts';
import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CloudEvent } from './cloud-event';
import { EventSigner, type SignedAttributes, signedBytes, TrustStore } from './event-signature';
import { fromKafkaMessage, toKafkaMessage } from './kafka-binding';
import { sharedEventRejection } from './verify-shared-event';

/** The committed vectors that another implementation of the signature checks itself against. */
const VECTORS = resolve(__dirname, '../../../../docs/signature-test-vectors.json');

interface Vector {
  name: string;
  headers: Record<string, string>;
  key: string;
  value: string;
  signedInputHex: string;
  signature: string;
}

const file = JSON.parse(readFileSync(VECTORS, 'utf8')) as {
  testKey: { kid: string; privateJwk: JsonWebKey; publicJwk: JsonWebKey };
  vectors: Vector[];
};
const { kid, privateJwk, publicJwk } = file.testKey;
const signer = new EventSigner(kid, createPrivateKey({ key: privateJwk, format: 'jwk' }));
const trust = new TrustStore().trust('mx', kid, createPublicKey({ key: publicJwk, format: 'jwk' }));

const SIGNED_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'dataclassification'] as const;

function attributesOf(headers: Record<string, string>): Required<SignedAttributes> {
  return Object.fromEntries(SIGNED_ATTRIBUTES.map((name) => [name, headers[CLOUD_EVENT_HEADERS[name]]])) as Required<SignedAttributes>;
}

function eventOf({ headers, value }: Vector): CloudEvent {
  const { specversion: _, ...attributes } = attributesOf(headers);
  return {
    ...attributes,
    ...(headers['traceparent'] ? { traceparent: headers['traceparent'] } : {}),
    data: JSON.parse(value) as unknown,
  };
}

describe.each(file.vectors)('signature test vector: $name', (vector) => {
  const attributes = attributesOf(vector.headers);
  const key = Buffer.from(vector.key, 'utf8');
  const value = Buffer.from(vector.value, 'utf8');
  const input = Buffer.from(vector.signedInputHex, 'hex');

  it('has the signed input and the signature our signer produces', () => {
    expect(signedBytes(attributes, key, value).toString('hex')).toBe(vector.signedInputHex);
    expect(signer.sign(input)).toBe(vector.signature);
    expect(vector.headers['ce_sig']).toBe(vector.signature);
  });

  it('is the record toKafkaMessage writes for the event', () => {
    const message = toKafkaMessage(eventOf(vector), signer);
    expect(message.key).toBe(vector.key);
    expect((message.value as Buffer).toString('utf8')).toBe(vector.value);
    expect(message.headers).toEqual(vector.headers);
  });

  it('verifies as received from Kafka, also with another traceparent, which is not signed', () => {
    const headers = Object.fromEntries(Object.entries(vector.headers).map(([name, text]) => [name, Buffer.from(text)]));
    for (const record of [
      { key, value, headers },
      { key, value, headers: { ...headers, traceparent: Buffer.from('00-11111111111111111111111111111111-2222222222222222-01') } },
    ]) {
      const result = fromKafkaMessage(record);
      if (!result.ok) throw new Error(result.reason);
      expect(sharedEventRejection(result.decoded, 'mx', trust)).toBeUndefined();
    }
  });

  it('fails once any signed field, the key or the value is altered', () => {
    expect(trust.check('mx', kid, input, vector.signature, attributes.time)).toBe('valid');
    for (const name of SIGNED_ATTRIBUTES) {
      const altered = signedBytes({ ...attributes, [name]: `${attributes[name]}x` }, key, value);
      expect([name, trust.check('mx', kid, altered, vector.signature, attributes.time)]).toEqual([name, 'invalid']);
    }
    expect(trust.check('mx', kid, signedBytes(attributes, Buffer.from(`${vector.key}x`), value), vector.signature, attributes.time)).toBe('invalid');
    expect(trust.check('mx', kid, signedBytes(attributes, key, Buffer.from(`${vector.value} `)), vector.signature, attributes.time)).toBe('invalid');
    const decoded = fromKafkaMessage({ key, value, headers: vector.headers });
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(sharedEventRejection({ ...decoded.decoded, key: Buffer.from(`${vector.key}x`) }, 'mx', trust)).toMatch(/does not verify/);
  });
});
