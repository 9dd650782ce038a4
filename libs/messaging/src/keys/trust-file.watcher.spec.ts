import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStore } from '../envelope/event-signature';
import { parseTrustFile } from './event-signing-keys';
import { TrustFileWatcher } from './trust-file.watcher';

const jwk = (kid: string, extra: object = {}) => ({ ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), kid, ...extra });
const logger = { log: () => undefined, error: () => undefined };

/** Resolves at the store's next change. */
const nextChange = (trust: TrustStore) =>
  new Promise<void>((resolve) => {
    const stop = trust.onChange(() => {
      stop();
      resolve();
    });
  });

describe('trust file validity windows', () => {
  it('reads notBefore, notAfter and revoked of each key', () => {
    const trust = parseTrustFile(
      JSON.stringify({ us: [jwk('us-2026-11', { notAfter: '2027-01-01T00:00:00.000Z' }), jwk('us-2026-10', { revoked: true })] }),
      'trust.json',
    );
    expect(trust.knows('us', 'us-2026-11')).toBe(true);
    expect(trust.check('us', 'us-2026-10', Buffer.from('x'), 'AA', '2026-11-01T00:00:00.000Z')).toBe('revoked');
  });

  it('refuses a window bound that is no time, and a revoked that is no boolean', () => {
    expect(() => parseTrustFile(JSON.stringify({ us: [jwk('us-1', { notBefore: 'yesterday' })] }), 'trust.json')).toThrow('trust.json: notBefore');
    expect(() => parseTrustFile(JSON.stringify({ us: [jwk('us-1', { revoked: 'yes' })] }), 'trust.json')).toThrow('"revoked"');
  });
});

describe('TrustFileWatcher', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'naperj-trust-'));
    const file = join(dir, 'trust.json');
    writeFileSync(file, JSON.stringify({ us: [jwk('us-2026-11')] }));
    const trust = parseTrustFile(JSON.stringify({ us: [jwk('us-2026-11')] }), file);
    return { dir, file, trust, watcher: new TrustFileWatcher(file, trust, logger) };
  };

  it('takes the keys of a trust file replaced on disk', async () => {
    const { dir, file, trust, watcher } = setup();
    await watcher.start();
    try {
      const changed = nextChange(trust);
      writeFileSync(join(dir, 'next.json'), JSON.stringify({ us: [jwk('us-2026-11'), jwk('us-2026-12')] }));
      await rename(join(dir, 'next.json'), file);
      await changed;
      expect(trust.knows('us', 'us-2026-12')).toBe(true);
    } finally {
      watcher.stop();
    }
  });

  it('reloads when asked (as on SIGHUP), and keeps the keys when the file does not parse', async () => {
    const { file, trust, watcher } = setup();
    writeFileSync(file, '{ not json');
    await watcher.reload();
    expect(trust.knows('us', 'us-2026-11')).toBe(true);
    writeFileSync(file, JSON.stringify({ ca: [jwk('ca-2026-11')] }));
    await watcher.reload();
    expect([trust.knows('ca', 'ca-2026-11'), trust.knows('us', 'us-2026-11')]).toEqual([true, false]);
  });
});
