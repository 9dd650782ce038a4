import { COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventSigner, type KeyValidity, TrustStore } from '../envelope/event-signature';
import { type KeyPairFiles, loadOrCreateKeyPair } from './key-pair.store';

/** Where local runs keep a node's event-signing keys: `<secretsDir>/<cc>/event-signing.*.jwk.json`. */
export function eventSigningKeyFiles(secretsDir: string, country: CountryCode): KeyPairFiles {
  const dir = join(secretsDir, country);
  return { privateKey: join(dir, 'event-signing.private.jwk.json'), publicKey: join(dir, 'event-signing.public.jwk.json') };
}

/** A local node's event signer, its key created on first use (`kid` like `mx-2026-11`). */
export async function loadOrCreateEventSigner(secretsDir: string, country: CountryCode, now = new Date()): Promise<EventSigner> {
  const pair = await loadOrCreateLocalKeys(secretsDir, country, now);
  return new EventSigner(pair.kid, createPrivateKey({ key: pair.privateJwk, format: 'jwk' }));
}

/**
 * The trust store of a local federation, where one secrets folder holds every country's
 * keys: a key a node has not created yet is created now, so no start order matters.
 */
export async function loadLocalTrustStore(secretsDir: string, countries: readonly CountryCode[] = COUNTRY_CODES): Promise<TrustStore> {
  const trust = new TrustStore();
  for (const country of countries) {
    const { kid, publicJwk } = await loadOrCreateLocalKeys(secretsDir, country);
    trust.trust(country, kid, createPublicKey({ key: publicJwk, format: 'jwk' }));
  }
  return trust;
}

function loadOrCreateLocalKeys(secretsDir: string, country: CountryCode, now = new Date()) {
  return loadOrCreateKeyPair(eventSigningKeyFiles(secretsDir, country), () => `${country}-${now.toISOString().slice(0, 7)}`);
}

/** A production node's signer: its private key as a JWK file (a mounted secret) with a `kid`. */
export async function loadEventSignerFile(file: string): Promise<EventSigner> {
  const jwk = JSON.parse(await readFile(file, 'utf8')) as JsonWebKey;
  if (typeof jwk.kid !== 'string') throw new Error(`${file}: the event signing key needs a "kid"`);
  return new EventSigner(jwk.kid, createPrivateKey({ key: jwk, format: 'jwk' }));
}

/** A trusted public key of the trust file: a JWK with `kid`, and when it may sign (docs/architecture.md, Signature). */
export type TrustedJwk = JsonWebKey & { kid: string } & KeyValidity;

/**
 * A production node's trust store from the federation's public keys:
 * `{ "us": [<JWK with kid>, …], "mx": […], "ca": […] }`, several keys per country while
 * keys rotate; a key may carry `notBefore`, `notAfter` (RFC 3339) and `revoked: true`.
 */
export async function loadTrustStoreFile(file: string): Promise<TrustStore> {
  return parseTrustFile(await readFile(file, 'utf8'), file);
}

/** The trust store a trust file's text describes; throws naming the first problem. */
export function parseTrustFile(text: string, file: string): TrustStore {
  const byCountry = JSON.parse(text) as Record<string, TrustedJwk[]>;
  const trust = new TrustStore();
  for (const [country, keys] of Object.entries(byCountry)) {
    if (!(COUNTRY_CODES as readonly string[]).includes(country)) throw new Error(`${file}: unknown country "${country}"`);
    for (const { notBefore, notAfter, revoked, ...jwk } of keys) {
      if (typeof jwk.kid !== 'string') throw new Error(`${file}: a key of ${country} has no "kid"`);
      if (revoked !== undefined && typeof revoked !== 'boolean') throw new Error(`${file}: "revoked" of ${country}'s key ${jwk.kid} is not true or false`);
      try {
        trust.trust(country, jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }), { notBefore, notAfter, revoked });
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
      }
    }
  }
  return trust;
}
