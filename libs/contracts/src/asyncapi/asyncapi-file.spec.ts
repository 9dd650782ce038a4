import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { asyncApiJson } from './asyncapi-document';

/** The committed copy, for integrators who read the repository rather than a running node. */
const COMMITTED = resolve(__dirname, '../../../../docs/asyncapi.json');

describe('docs/asyncapi.json', () => {
  it('is the document the contracts generate (run `npm run asyncapi` after changing them)', async () => {
    const committed = await readFile(COMMITTED, 'utf8').catch(() => 'docs/asyncapi.json is missing');
    // Jest shows only the differing lines of the two texts.
    expect(committed).toBe(asyncApiJson());
  });
});
