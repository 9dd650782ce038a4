/**
 * Writes the AsyncAPI document the contracts generate to docs/asyncapi.json, for integrators
 * who read the repository; a contracts test fails while the committed copy is stale.
 *
 *   npm run asyncapi
 */
import { asyncApiJson } from '@naperj/contracts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

const target = resolve(import.meta.dirname, '../docs/asyncapi.json');
await mkdir(dirname(target), { recursive: true });
await writeFile(target, asyncApiJson());
console.log(`wrote ${target}`);
