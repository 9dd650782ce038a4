import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataKeyFile, loadOrCreateLocalDataKeys, localDataKeyFile } from './data-keys';
import { FieldCipher, FieldCipherError } from './field-cipher';

describe('FieldCipher', () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher([key]);

  it('round-trips text and never stores the plaintext', () => {
    const sealed = cipher.encrypt('citlali@example.org', 'expert:1:contact');
    expect(JSON.stringify(sealed)).not.toContain('citlali');
    expect(cipher.decrypt(sealed, 'expert:1:contact')).toBe('citlali@example.org');
  });

  it('seals the same text differently each time', () => {
    expect(cipher.encrypt('same', 'a').data).not.toBe(cipher.encrypt('same', 'a').data);
  });

  it('refuses a value moved to another record, or tampered with', () => {
    const sealed = cipher.encrypt('text', 'expert:1:contact');
    expect(() => cipher.decrypt(sealed, 'expert:2:contact')).toThrow(FieldCipherError);
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt({ ...sealed, data: flipped.toString('base64') }, 'expert:1:contact')).toThrow(FieldCipherError);
  });

  it('opens values sealed with a previous key after a rotation, and seals with the new one', () => {
    const old = cipher.encrypt('before rotation', 'r');
    const rotated = new FieldCipher([randomBytes(32), key]);
    expect(rotated.decrypt(old, 'r')).toBe('before rotation');
    expect(rotated.encrypt('after', 'r').keyId).not.toBe(old.keyId);
    expect(() => new FieldCipher([randomBytes(32)]).decrypt(old, 'r')).toThrow(/no data key/);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => new FieldCipher([randomBytes(16)])).toThrow(/32 bytes/);
    expect(() => new FieldCipher([])).toThrow(FieldCipherError);
  });
});

describe('data key files', () => {
  it('creates a local key once, readable by the owner only, and reuses it', async () => {
    const secrets = mkdtempSync(join(tmpdir(), 'naperj-data-key-'));
    const [first] = await loadOrCreateLocalDataKeys(secrets, 'mx');
    const [again] = await loadOrCreateLocalDataKeys(secrets, 'mx');
    expect(again!.equals(first!)).toBe(true);
    expect(statSync(localDataKeyFile(secrets, 'mx')).mode & 0o077).toBe(0);
    expect(readFileSync(localDataKeyFile(secrets, 'mx'), 'utf8').trim()).toBe(first!.toString('base64'));
  });

  it('gives services starting at once the same whole key', async () => {
    const secrets = mkdtempSync(join(tmpdir(), 'naperj-data-key-'));
    const keys = await Promise.all(Array.from({ length: 20 }, () => loadOrCreateLocalDataKeys(secrets, 'ca')));
    for (const [key] of keys) expect(key!.equals(keys[0]![0]!)).toBe(true);
    expect(readdirSync(join(secrets, 'ca'))).toEqual(['data-encryption.key']);
  });

  it('reads the current key and previous ones, and names a bad line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naperj-data-key-'));
    const [current, previous] = [randomBytes(32), randomBytes(32)];
    const good = join(dir, 'good.key');
    writeFileSync(good, `${current.toString('base64')}\n\n${previous.toString('base64')}\n`);
    expect(await loadDataKeyFile(good)).toEqual([current, previous]);
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, `${current.toString('base64')}\nc2hvcnQ=\n`);
    await expect(loadDataKeyFile(bad)).rejects.toThrow(/line 2 is not a base64 key of 32 bytes/);
  });
});
