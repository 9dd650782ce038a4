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
  it('joins the attributes as sent, each followed by a newline, then the raw value', () => {
    const bytes = signedBytes(attributes, Buffer.from('{"a":1}'));
    expect(bytes.toString('utf8')).toBe(
      '1.0\n0193a5f0-7c1e-7b3a-9d2e-5f1a2b3c4d5e\nurn:naperj:mx:submissions\norg.naperj.submission.published.v1\n' +
        '2026-11-29T05:00:00.000Z\n0193a5f0-0000-7000-8000-000000000001\nconfidential\n{"a":1}',
    );
  });
});

describe('EventSigner and TrustStore', () => {
  const mx = generateKeyPairSync('ed25519');
  const us = generateKeyPairSync('ed25519');
  const signer = new EventSigner('mx-2026-11', mx.privateKey);
  const trust = new TrustStore().trust('mx', 'mx-2026-11', mx.publicKey).trust('us', 'us-2026-11', us.publicKey);
  const bytes = signedBytes(attributes, Buffer.from('{"title":"Promotoras de salud"}'));

  it('signs as base64url without padding, and the trusted key verifies it', () => {
    const signature = signer.sign(bytes);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(trust.check('mx', 'mx-2026-11', bytes, signature)).toBe('valid');
  });

  it('rejects changed bytes, another country and an unknown key id', () => {
    const signature = signer.sign(bytes);
    const tampered = Buffer.concat([bytes, Buffer.from(' ')]);
    expect(trust.check('mx', 'mx-2026-11', tampered, signature)).toBe('invalid');
    expect(trust.check('us', 'mx-2026-11', bytes, signature)).toBe('unknown-key');
    expect(trust.check('mx', 'mx-2027-01', bytes, signature)).toBe('unknown-key');
    expect(trust.check('mx', 'mx-2026-11', bytes, 'not-a-signature')).toBe('invalid');
  });

  it('keeps several keys per country so keys can rotate', () => {
    const next = generateKeyPairSync('ed25519');
    trust.trust('mx', 'mx-2027-01', next.publicKey);
    expect(trust.check('mx', 'mx-2026-11', bytes, signer.sign(bytes))).toBe('valid');
    expect(trust.check('mx', 'mx-2027-01', bytes, new EventSigner('mx-2027-01', next.privateKey).sign(bytes))).toBe('valid');
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => new EventSigner('x', rsa.privateKey)).toThrow('Ed25519');
    expect(() => new TrustStore().trust('mx', 'x', rsa.publicKey)).toThrow('not Ed25519');
  });
});
