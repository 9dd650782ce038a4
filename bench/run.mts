/**
 * `npm run bench -- <name>`: runs bench/<name>.bench.mts against the built libraries and
 * the real local engines (started if needed, stopped afterwards).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.mts'))
  .map((f) => f.slice(0, -'.bench.mts'.length));
const name = process.argv[2];
if (!name || !existsSync(join(import.meta.dirname, `${name}.bench.mts`))) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
await import(`./${name}.bench.mts`);
