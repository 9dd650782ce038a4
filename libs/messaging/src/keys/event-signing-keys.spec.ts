import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedBytes } from '../envelope/event-signature';
import { eventSigningKeyFiles, loadEventSignerFile, loadLocalTrustStore, loadOrCreateEventSigner, loadTrustStoreFile } from './event-signing-keys';

const bytes = signedBytes(
  {
    id: 'e1',
    source: 'urn:naperj:ca:reporting',
    type: 'org.naperj.node.heartbeat.v1',
    time: '2026-11-29T05:00:00.000Z',
    subject: 'ca',
    dataclassification: 'confidential',
  },
  'ca',
  Buffer.from('{}'),
);
const at = '2026-11-29T05:00:00.000Z';

describe('event signing keys of local runs', () => {
  it('creates a node key once, private file readable by its owner only, kid by month', async () => {
    const secrets = mkdtempSync(join(tmpdir(), 'naperj-keys-'));
    const [a, b] = await Promise.all([
      loadOrCreateEventSigner(secrets, 'ca', new Date('2026-11-29T05:00:00Z')),
      loadOrCreateEventSigner(secrets, 'ca', new Date('2026-11-29T05:00:00Z')),
    ]);
    expect(a.kid).toBe('ca-2026-11');
    expect(a.sign(bytes)).toBe(b.sign(bytes));
    expect(statSync(eventSigningKeyFiles(secrets, 'ca').privateKey).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(eventSigningKeyFiles(secrets, 'ca').publicKey, 'utf8'))).not.toHaveProperty('d');
  });

  it('trusts every local country, whichever node started first', async () => {
    const secrets = mkdtempSync(join(tmpdir(), 'naperj-keys-'));
    const trust = await loadLocalTrustStore(secrets, ['us', 'mx', 'ca']);
    const ca = await loadOrCreateEventSigner(secrets, 'ca');
    expect(trust.check('ca', ca.kid, bytes, ca.sign(bytes), at)).toBe('valid');
    expect(trust.check('mx', ca.kid, bytes, ca.sign(bytes), at)).toBe('unknown-key');
  });
});

describe('event signing keys of production nodes', () => {
  it('reads the signer from a JWK file and the federation trust store from a JSON file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naperj-keys-'));
    await loadOrCreateEventSigner(dir, 'us');
    const files = eventSigningKeyFiles(dir, 'us');
    const signer = await loadEventSignerFile(files.privateKey);
    const trustFile = join(dir, 'trust.json');
    writeFileSync(trustFile, JSON.stringify({ us: [JSON.parse(readFileSync(files.publicKey, 'utf8'))] }));
    const trust = await loadTrustStoreFile(trustFile);
    expect(trust.check('us', signer.kid, bytes, signer.sign(bytes), at)).toBe('valid');
  });

  it('refuses a trust file naming an unknown country or a key without kid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naperj-keys-'));
    const file = join(dir, 'trust.json');
    writeFileSync(file, JSON.stringify({ br: [] }));
    await expect(loadTrustStoreFile(file)).rejects.toThrow('unknown country "br"');
    writeFileSync(file, JSON.stringify({ mx: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] }));
    await expect(loadTrustStoreFile(file)).rejects.toThrow('a key of mx has no "kid"');
  });
});
