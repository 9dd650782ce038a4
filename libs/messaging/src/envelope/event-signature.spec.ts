import { generateKeyPairSync } from 'node:crypto';
import { EventSigner, signedBytes, TrustStore } from './event-signature';

const attributes = {
  id: '0193a5f0-7c1e-7b3a-9d2e-5f1a2b3c4d5e',
  source: 'urn:naperj:mx:submissions',
  type: 'org.naperj.submission.published.v1',
  time: '2026-11-29T05:00:00.000Z',
  subject: '0193a5f0-0000-7000-8000-000000000001',
  dataclassification: 'confidential' as const,
};

describe('signedBytes', () => {
  it('is the context, the attributes as sent, the key and the raw value, each preceded by its 4-byte big-endian length', () => {
    const bytes = signedBytes(attributes, Buffer.from('k'), Buffer.from('{"a":1}'));
    const fields = ['naperj-event-signature-v1', '1.0', ...Object.values(attributes), 'k', '{"a":1}'];
    expect(bytes).toEqual(Buffer.concat(fields.flatMap((field) => [Buffer.from([0, 0, 0, Buffer.byteLength(field)]), Buffer.from(field)])));
  });
});

describe('EventSigner and TrustStore', () => {
  const mx = generateKeyPairSync('ed25519');
  const us = generateKeyPairSync('ed25519');
  const signer = new EventSigner('mx-2026-11', mx.privateKey);
  const trust = new TrustStore().trust('mx', 'mx-2026-11', mx.publicKey).trust('us', 'us-2026-11', us.publicKey);
  const bytes = signedBytes(attributes, Buffer.from(attributes.subject), Buffer.from('{"title":"Promotoras de salud"}'));
  const at = attributes.time;

  it('signs as base64url without padding, and the trusted key verifies it', () => {
    const signature = signer.sign(bytes);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, at)).toBe('valid');
  });

  it('rejects changed bytes, another country and an unknown key id', () => {
    const signature = signer.sign(bytes);
    const tampered = Buffer.concat([bytes, Buffer.from(' ')]);
    expect(trust.check('mx', 'mx-2026-11', tampered, signature, at)).toBe('invalid');
    expect(trust.check('us', 'mx-2026-11', bytes, signature, at)).toBe('unknown-key');
    expect(trust.check('mx', 'mx-2027-01', bytes, signature, at)).toBe('unknown-key');
    expect(trust.check('mx', 'mx-2026-11', bytes, 'not-a-signature', at)).toBe('invalid');
  });

  it('keeps several keys per country so keys can rotate', () => {
    const next = generateKeyPairSync('ed25519');
    trust.trust('mx', 'mx-2027-01', next.publicKey);
    expect(trust.check('mx', 'mx-2026-11', bytes, signer.sign(bytes), at)).toBe('valid');
    expect(trust.check('mx', 'mx-2027-01', bytes, new EventSigner('mx-2027-01', next.privateKey).sign(bytes), at)).toBe('valid');
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => new EventSigner('x', rsa.privateKey)).toThrow('Ed25519');
    expect(() => new TrustStore().trust('mx', 'x', rsa.publicKey)).toThrow('not Ed25519');
  });
});

describe('TrustStore validity windows, revocation and reloads', () => {
  const keys = generateKeyPairSync('ed25519');
  const signer = new EventSigner('mx-2026-11', keys.privateKey);
  const bytes = signedBytes(attributes, Buffer.from(attributes.subject), Buffer.from('{}'));
  const signature = signer.sign(bytes);
  const window = { notBefore: '2026-11-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z' };

  it('accepts an event whose ce_time is in [notBefore, notAfter) and refuses one outside', () => {
    const trust = new TrustStore().trust('mx', 'mx-2026-11', keys.publicKey, window);
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, '2026-11-01T00:00:00.000Z')).toBe('valid');
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, '2026-12-31T23:59:59.999Z')).toBe('valid');
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, '2026-10-31T23:59:59.999Z')).toBe('outside-validity');
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, '2027-01-01T00:00:00.000Z')).toBe('outside-validity');
  });

  it('refuses every event of a revoked key, whatever time it claims, and still knows the key', () => {
    const trust = new TrustStore().trust('mx', 'mx-2026-11', keys.publicKey, { ...window, revoked: true });
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, attributes.time)).toBe('revoked');
    expect(trust.knows('mx', 'mx-2026-11')).toBe(true);
    expect(trust.knows('mx', 'mx-2027-01')).toBe(false);
  });

  it('refuses a window bound that is no time', () => {
    expect(() => new TrustStore().trust('mx', 'mx-2026-11', keys.publicKey, { notAfter: 'soon' })).toThrow('notAfter');
  });

  it("takes another store's keys in place and tells its listeners", () => {
    const trust = new TrustStore();
    const changes: boolean[] = [];
    const stop = trust.onChange(() => changes.push(trust.knows('mx', 'mx-2026-11')));
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, attributes.time)).toBe('unknown-key');
    trust.replaceWith(new TrustStore().trust('mx', 'mx-2026-11', keys.publicKey));
    expect(trust.check('mx', 'mx-2026-11', bytes, signature, attributes.time)).toBe('valid');
    stop();
    trust.replaceWith(new TrustStore());
    expect(changes).toEqual([true]);
    expect(trust.knows('mx', 'mx-2026-11')).toBe(false);
  });
});

describe('the signed input is unambiguous and covers the Kafka key (docs/architecture.md, Signature)', () => {
  const keys = generateKeyPairSync('ed25519');
  const signer = new EventSigner('mx-2026-11', keys.privateKey);
  const trust = new TrustStore().trust('mx', 'mx-2026-11', keys.publicKey);
  const value = Buffer.from('{"a":1}');
  const key = Buffer.from(attributes.subject);

  it('gives two events whose attributes differ only in where a newline falls different bytes', () => {
    const a = { ...attributes, time: `${attributes.time}\nx`, subject: 'y' };
    const b = { ...attributes, subject: 'x\ny' };
    expect(signedBytes(a, key, value).equals(signedBytes(b, key, value))).toBe(false);
  });

  it('tells the key from the value: bytes moved across their boundary change the input', () => {
    expect(signedBytes(attributes, Buffer.from('k'), Buffer.from('v')).equals(signedBytes(attributes, Buffer.from('kv'), Buffer.alloc(0)))).toBe(false);
  });

  it('covers the key: a signature over one key does not verify for another', () => {
    const signature = signer.sign(signedBytes(attributes, key, value));
    expect(trust.check('mx', 'mx-2026-11', signedBytes(attributes, key, value), signature, attributes.time)).toBe('valid');
    expect(trust.check('mx', 'mx-2026-11', signedBytes(attributes, Buffer.from('another-subject'), value), signature, attributes.time)).toBe('invalid');
  });
});
