import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceConfig } from '../config/service-config';
import { issueDevToken } from './dev-token-issuer';
import { type IssuerKeys, loadOrCreateIssuerKeys } from './issuer-key-store';
import { createTokenVerifier } from './token-verifier';

/** Which keys verify a node's tokens, proven by verifying a token of its issuer. */
describe('createKeyResolver, through createTokenVerifier', () => {
  const issuerSecrets = mkdtempSync(join(tmpdir(), 'naperj-issuer-'));
  let issuerKeys: IssuerKeys;
  let token: string;
  let nodeSecrets: string;
  let folder: string;

  beforeAll(async () => {
    issuerKeys = await loadOrCreateIssuerKeys(issuerSecrets, 'mx');
    token = await issueDevToken({ secretsDir: issuerSecrets, country: 'mx', agency: 'SRE', roles: ['operator'] });
  });

  beforeEach(() => {
    nodeSecrets = mkdtempSync(join(tmpdir(), 'naperj-node-secrets-'));
    folder = mkdtempSync(join(tmpdir(), 'naperj-public-key-'));
  });

  const authConfig = (source: Pick<ServiceConfig['auth'], 'jwksUrl' | 'publicKeyFile'>): ServiceConfig['auth'] => ({
    issuer: 'urn:naperj:mx:issuer',
    audience: 'naperj',
    secretsDir: nodeSecrets,
    ...source,
  });

  const writeKeyFile = (name: string, content: string): string => {
    const file = join(folder, name);
    writeFileSync(file, content);
    return file;
  };

  async function expectVerifiesAndGeneratesNothing(auth: ServiceConfig['auth']): Promise<void> {
    const verifier = await createTokenVerifier(auth, 'mx');
    await expect(verifier.verify(token)).resolves.toMatchObject({ country: 'mx', roles: ['operator'] });
    expect(readdirSync(nodeSecrets)).toEqual([]);
  }

  it('uses, without a key file or JWKS URL, the local dev issuer key it creates in secretsDir', async () => {
    const verifier = await createTokenVerifier(authConfig({}), 'mx');
    const localToken = await issueDevToken({ secretsDir: nodeSecrets, country: 'mx', agency: 'SRE', roles: [] });

    await expect(verifier.verify(localToken)).resolves.toMatchObject({ country: 'mx' });
    await expect(verifier.verify(token)).rejects.toThrow('Invalid bearer token: signature verification failed');
  });

  it('reads a public JWK file', async () => {
    const publicKeyFile = writeKeyFile('issuer.jwk.json', JSON.stringify(issuerKeys.publicJwk));
    await expectVerifiesAndGeneratesNothing(authConfig({ publicKeyFile }));
  });

  it('reads a PEM SPKI public key file', async () => {
    const pem = createPublicKey({ key: issuerKeys.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const publicKeyFile = writeKeyFile('issuer.pem', pem.toString());
    await expectVerifiesAndGeneratesNothing(authConfig({ publicKeyFile }));
  });

  it('reads a JWKS file', async () => {
    const publicKeyFile = writeKeyFile('jwks.json', JSON.stringify({ keys: [issuerKeys.publicJwk] }));
    await expectVerifiesAndGeneratesNothing(authConfig({ publicKeyFile }));
  });

  it('rejects a key file that is none of these', async () => {
    const publicKeyFile = writeKeyFile('garbage.txt', 'not a key');
    await expect(createTokenVerifier(authConfig({ publicKeyFile }), 'mx')).rejects.toThrow(
      `AUTH_PUBLIC_KEY_FILE ${publicKeyFile} is neither a PEM public key, a JWK nor a JWKS`,
    );
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let jwksUrl: string;

    beforeAll(async () => {
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [issuerKeys.publicJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('fetches the issuer keys from it', async () => {
      await expectVerifiesAndGeneratesNothing(authConfig({ jwksUrl }));
    });
  });
});
