import { parseTrustFile, TrustStore } from '@naperj/messaging';
import type { ConfigService } from '@nestjs/config';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceConfig } from '../config/service-config';
import { TrustFileReloader } from './trust-file.reloader';

const jwk = (kid: string) => ({ ...generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }), kid });
const configWith = (trustFile?: string) => ({ get: () => ({ trustFile }) }) as unknown as ConfigService<ServiceConfig, true>;

describe('TrustFileReloader', () => {
  it('reloads the service’s trust store when EVENT_TRUST_FILE is replaced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naperj-reloader-'));
    const file = join(dir, 'trust.json');
    writeFileSync(file, JSON.stringify({ us: [jwk('us-2026-11')] }));
    const trust = new TrustStore();
    trust.replaceWith(parseTrustFile(JSON.stringify({ us: [jwk('us-2026-11')] }), file));
    const reloader = new TrustFileReloader(trust, configWith(file));
    await reloader.onApplicationBootstrap();
    try {
      const changed = new Promise<void>((resolve) => trust.onChange(resolve));
      writeFileSync(join(dir, 'next.json'), JSON.stringify({ us: [jwk('us-2026-11'), jwk('us-2027-01')] }));
      await rename(join(dir, 'next.json'), file);
      await changed;
      expect(trust.knows('us', 'us-2027-01')).toBe(true);
    } finally {
      reloader.onApplicationShutdown();
    }
  });
});
