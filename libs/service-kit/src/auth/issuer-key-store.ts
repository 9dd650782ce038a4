import type { CountryCode } from '@naperj/contracts';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JWK } from 'jose';
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
export function issuerKeyFiles(secretsDir: string, country: CountryCode): { privateKey: string; publicKey: string } {
  const dir = join(secretsDir, country);
  return { privateKey: join(dir, 'jwt-issuer.private.jwk.json'), publicKey: join(dir, 'jwt-issuer.public.jwk.json') };
}

/**
 * Reads the local issuer key pair of `country`, creating it on first use. Concurrent
 * callers, in any process, all end up with the one pair that was stored first.
 */
export async function loadOrCreateIssuerKeys(secretsDir: string, country: CountryCode): Promise<IssuerKeys> {
  const files = issuerKeyFiles(secretsDir, country);
  const stored = await readJwkIfPresent(files.privateKey);
  if (stored) return issuerKeysFrom(stored);

  await mkdir(dirname(files.privateKey), { recursive: true, mode: 0o700 });
  const created = issuerKeysFrom(generatePrivateJwk(country, new Date()));
  if (!(await createExclusively(files.privateKey, created.privateJwk, 0o600))) {
    return issuerKeysFrom(await readJwk(files.privateKey));
  }
  // Only the writer of the private key gets here, so the public file always matches it.
  await writeFile(files.publicKey, toJson(created.publicJwk), { mode: 0o644 });
  return created;
}

function generatePrivateJwk(country: CountryCode, now: Date): JWK {
  const { privateKey } = generateKeyPairSync('ed25519');
  const month = now.toISOString().slice(0, 7);
  return { ...privateKey.export({ format: 'jwk' }), kid: `${country}-issuer-${month}`, alg: TOKEN_ALGORITHM, use: 'sig' };
}

function issuerKeysFrom(privateJwk: JWK): IssuerKeys {
  if (typeof privateJwk.kid !== 'string' || typeof privateJwk.d !== 'string') {
    throw new Error('A local issuer private key must be a JWK with "kid" and "d"');
  }
  const { d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid, privateJwk, publicJwk };
}

/** Stores `jwk` at `file` unless the file exists; false when another writer stored it first. */
async function createExclusively(file: string, jwk: JWK, mode: number): Promise<boolean> {
  // Written aside, then hard-linked into place: link() fails when the file exists,
  // and a concurrent reader never sees a half-written file.
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, toJson(jwk), { flag: 'wx', mode });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

async function readJwkIfPresent(file: string): Promise<JWK | undefined> {
  try {
    return await readJwk(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function readJwk(file: string): Promise<JWK> {
  return JSON.parse(await readFile(file, 'utf8')) as JWK;
}

function toJson(jwk: JWK): string {
  return `${JSON.stringify(jwk, null, 2)}\n`;
}

function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
