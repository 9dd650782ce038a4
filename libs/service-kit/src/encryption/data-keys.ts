import type { CountryCode } from '@naperj/contracts';
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_KEY_BYTES } from './field-cipher';

/**
 * The data keys of a key file: one base64 key per line, the first one current, the others
 * previous keys kept so that values sealed before a rotation still open.
 */
export function parseDataKeyFile(text: string, file: string): Buffer[] {
  const keys = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => Buffer.from(line, 'base64'));
  if (keys.length === 0) throw new Error(`${file}: no data key (one base64 key of ${DATA_KEY_BYTES} bytes per line)`);
  const wrong = keys.findIndex((key) => key.length !== DATA_KEY_BYTES);
  if (wrong >= 0) throw new Error(`${file}: line ${wrong + 1} is not a base64 key of ${DATA_KEY_BYTES} bytes`);
  return keys;
}

export async function loadDataKeyFile(file: string): Promise<Buffer[]> {
  return parseDataKeyFile(await readFile(file, 'utf8'), file);
}

/** Where local runs keep a node's data key: `<secretsDir>/<cc>/data-encryption.key` (git-ignored). */
export function localDataKeyFile(secretsDir: string, country: CountryCode): string {
  return join(secretsDir, country, 'data-encryption.key');
}

/**
 * A local node's data key, created on first use. The key is written whole to a file of its
 * own, then linked into place: the link fails when the key exists, so of two services starting
 * at once one creates it and the other reads the complete key, never a half-written one.
 */
export async function loadOrCreateLocalDataKeys(secretsDir: string, country: CountryCode): Promise<Buffer[]> {
  const file = localDataKeyFile(secretsDir, country);
  await mkdir(join(secretsDir, country), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, `${randomBytes(DATA_KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  return loadDataKeyFile(file);
}
