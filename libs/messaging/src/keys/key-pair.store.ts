import { generateKeyPairSync, type JsonWebKey, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** An Ed25519 key pair as JWKs (OKP) that carry the same `kid`. */
export interface StoredKeyPair {
  kid: string;
  privateJwk: JsonWebKey & { kid: string };
  publicJwk: JsonWebKey & { kid: string };
}

export interface KeyPairFiles {
  privateKey: string;
  publicKey: string;
}

/**
 * Reads a local Ed25519 key pair, creating it on first use with `newKid()`. Concurrent
 * callers, in any process, all end up with the one pair that was stored first.
 */
export async function loadOrCreateKeyPair(files: KeyPairFiles, newKid: () => string, extra: Record<string, string> = {}): Promise<StoredKeyPair> {
  const stored = await readJwkIfPresent(files.privateKey);
  if (stored) return keyPairFrom(stored);

  await mkdir(dirname(files.privateKey), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const created = keyPairFrom({ ...privateKey.export({ format: 'jwk' }), kid: newKid(), ...extra });
  if (!(await createExclusively(files.privateKey, created.privateJwk, 0o600))) {
    return keyPairFrom(await readJwk(files.privateKey));
  }
  // Only the writer of the private key gets here, so the public file always matches it.
  await writeFile(files.publicKey, toJson(created.publicJwk), { mode: 0o644 });
  return created;
}

function keyPairFrom(privateJwk: JsonWebKey): StoredKeyPair {
  if (typeof privateJwk.kid !== 'string' || typeof privateJwk.d !== 'string') {
    throw new Error('A local private key must be a JWK with "kid" and "d"');
  }
  const { d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid, privateJwk: privateJwk as StoredKeyPair['privateJwk'], publicJwk: publicJwk as StoredKeyPair['publicJwk'] };
}

/** Stores `jwk` at `file` unless the file exists; false when another writer stored it first. */
async function createExclusively(file: string, jwk: JsonWebKey, mode: number): Promise<boolean> {
  // Written aside, then hard-linked into place: link() fails when the file exists,
  // and a concurrent reader never sees a half-written file.
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, toJson(jwk), { flag: 'wx', mode });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

async function readJwkIfPresent(file: string): Promise<JsonWebKey | undefined> {
  try {
    return await readJwk(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readJwk(file: string): Promise<JsonWebKey> {
  return JSON.parse(await readFile(file, 'utf8')) as JsonWebKey;
}

function toJson(jwk: JsonWebKey): string {
  return `${JSON.stringify(jwk, null, 2)}\n`;
}
