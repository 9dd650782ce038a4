import type { CountryCode } from '@naperj/contracts';
import { type KeyPairFiles, loadOrCreateKeyPair } from '@naperj/messaging';
import type { JWK } from 'jose';
import { join } from 'node:path';
import { TOKEN_ALGORITHM } from './token-profile';

/**
 * A node's local JWT issuer key pair, as JWKs carrying the same `kid`.
 *
 * The files are a contract: deploy/local/token.mts reads and creates them without this
 * library, so their names and format change only together with it.
 */
export interface IssuerKeys {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Where a node's local issuer keys live: `<secretsDir>/<cc>/jwt-issuer.{private,public}.jwk.json`. */
export function issuerKeyFiles(secretsDir: string, country: CountryCode): KeyPairFiles {
  const dir = join(secretsDir, country);
  return { privateKey: join(dir, 'jwt-issuer.private.jwk.json'), publicKey: join(dir, 'jwt-issuer.public.jwk.json') };
}

/**
 * Reads the local issuer key pair of `country`, creating it on first use. Concurrent
 * callers, in any process, all end up with the one pair that was stored first.
 */
export async function loadOrCreateIssuerKeys(secretsDir: string, country: CountryCode, now = new Date()): Promise<IssuerKeys> {
  const pair = await loadOrCreateKeyPair(issuerKeyFiles(secretsDir, country), () => `${country}-issuer-${now.toISOString().slice(0, 7)}`, {
    alg: TOKEN_ALGORITHM,
    use: 'sig',
  });
  return { kid: pair.kid, privateJwk: pair.privateJwk, publicJwk: pair.publicJwk };
}
