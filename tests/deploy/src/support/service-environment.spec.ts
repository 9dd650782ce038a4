import { SERVICE_NAMES } from '@naperj/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from './repo';
import { SERVICE_CONFIG_NAMESPACES, SERVICE_VARIABLES } from './service-environment';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the variables each service reads', () => {
  it.each(SERVICE_NAMES)('%s: one listed namespace per registerServiceConfig call in its sources', (service) => {
    const tokens = sources(repoPath('services', service, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/registerServiceConfig\(\s*'([^']+)'/g)].map((match) => match[1]),
    );
    expect(SERVICE_CONFIG_NAMESPACES[service].map((namespace) => String(namespace.KEY).replace(/^CONFIGURATION\(|\)$/g, '')).sort()).toEqual(tokens.sort());
  });

  it('no service reads process.env outside the kit, so the declared variables are all it reads', () => {
    const readers = SERVICE_NAMES.flatMap((service) => sources(repoPath('services', service, 'src')))
      .filter((file) => !file.endsWith('.main.ts'))
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')));
    expect(readers).toEqual([]);
  });

  it.each(SERVICE_NAMES)('%s reads the kit variables and its own, each once', (service) => {
    expect(SERVICE_VARIABLES[service]).toEqual(expect.arrayContaining(['NODE_COUNTRY', 'KAFKA_BROKERS', 'MONGODB_URI']));
    expect(new Set(SERVICE_VARIABLES[service]).size).toBe(SERVICE_VARIABLES[service].length);
  });
});
