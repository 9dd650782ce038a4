import type { CountryCode } from '@naperj/contracts';
import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { ServiceConfig } from '../config/service-config';
import { loadOrCreateIssuerKeys } from './issuer-key-store';
import { TOKEN_ALGORITHM } from './token-profile';

/**
 * The keys that verify this node's tokens: the issuer's JWKS at `jwksUrl`, the public key
 * in `publicKeyFile`, or else (local runs only) the dev issuer key of `<secretsDir>/<country>`,
 * created on first use.
 */
export async function createKeyResolver(auth: ServiceConfig['auth'], country: CountryCode): Promise<JWTVerifyGetKey> {
  if (auth.jwksUrl) return createRemoteJWKSet(new URL(auth.jwksUrl));
  if (auth.publicKeyFile) return readPublicKeyFile(auth.publicKeyFile);
  const { publicJwk } = await loadOrCreateIssuerKeys(auth.secretsDir, country);
  return createLocalJWKSet({ keys: [publicJwk] });
}

/** A PEM SPKI public key, a JWK, or a JWKS. */
async function readPublicKeyFile(file: string): Promise<JWTVerifyGetKey> {
  const content = (await readFile(file, 'utf8')).trim();
  if (content.startsWith('-----BEGIN PUBLIC KEY-----')) {
    const key = await importSPKI(content, TOKEN_ALGORITHM);
    return () => key;
  }
  const json = parsePublicKeyJson(file, content);
  return createLocalJWKSet('keys' in json ? json : { keys: [json] });
}

function parsePublicKeyJson(file: string, content: string): JWK | JSONWebKeySet {
  try {
    return JSON.parse(content) as JWK | JSONWebKeySet;
  } catch {
    throw new Error(`AUTH_PUBLIC_KEY_FILE ${file} is neither a PEM public key, a JWK nor a JWKS`);
  }
}
