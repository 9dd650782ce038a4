import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { issuerKeyFiles, loadOrCreateIssuerKeys } from './issuer-key-store';

describe('loadOrCreateIssuerKeys', () => {
  let secretsDir: string;

  beforeEach(() => {
    secretsDir = mkdtempSync(join(tmpdir(), 'naperj-keys-'));
  });

  it('creates an Ed25519 pair in <secretsDir>/<cc>, the private key readable by its owner only', async () => {
    const keys = await loadOrCreateIssuerKeys(secretsDir, 'mx');
    const files = issuerKeyFiles(secretsDir, 'mx');

    expect(keys.kid).toMatch(/^mx-issuer-\d{4}-\d{2}$/);
    expect(JSON.parse(readFileSync(files.privateKey, 'utf8'))).toEqual(keys.privateJwk);
    expect(keys.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: keys.kid, d: expect.any(String) as unknown });
    expect(statSync(files.privateKey).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(files.publicKey, 'utf8'))).toEqual(keys.publicJwk);
    expect(keys.publicJwk).not.toHaveProperty('d');
    expect(keys.publicJwk).toMatchObject({ kid: keys.kid, x: keys.privateJwk.x });
  });

  it('yields a pair whose public key verifies what the private key signs', async () => {
    const { privateJwk, publicJwk } = await loadOrCreateIssuerKeys(secretsDir, 'ca');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'EdDSA' }).sign(await importJWK(privateJwk, 'EdDSA'));

    await expect(jwtVerify(token, await importJWK(publicJwk, 'EdDSA'))).resolves.toBeDefined();
  });

  it('returns the stored pair on later calls', async () => {
    const first = await loadOrCreateIssuerKeys(secretsDir, 'mx');

    await expect(loadOrCreateIssuerKeys(secretsDir, 'mx')).resolves.toEqual(first);
  });

  it('keeps one pair per country', async () => {
    const mx = await loadOrCreateIssuerKeys(secretsDir, 'mx');
    const us = await loadOrCreateIssuerKeys(secretsDir, 'us');

    expect(us.kid).toMatch(/^us-issuer-/);
    expect(us.publicJwk.x).not.toBe(mx.publicJwk.x);
  });

  it('gives concurrent first callers the same single pair and leaves no draft behind', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => loadOrCreateIssuerKeys(secretsDir, 'mx')));

    expect(new Set(results.map((keys) => keys.privateJwk.d)).size).toBe(1);
    expect(readdirSync(join(secretsDir, 'mx')).sort()).toEqual(['jwt-issuer.private.jwk.json', 'jwt-issuer.public.jwk.json']);
  });
});
