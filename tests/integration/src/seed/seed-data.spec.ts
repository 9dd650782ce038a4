import { ACTION_AREAS, COUNTRY_CODES, CreateSubmissionRequest } from '@naperj/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../engines/engines-cli';

interface Seed {
  country: string;
  agency: string;
  [field: string]: unknown;
}

const seeds = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/local/seed/submissions.json'), 'utf8')) as Seed[];

/** npm start's demo dataset goes through the real API: every entry must be a valid request. */
describe("npm start's demo dataset", () => {
  it.each(seeds.map((seed) => [`${seed.country} ${String((seed['title'] as Record<string, string>)[seed['originalLanguage'] as string])}`, seed] as const))(
    'is a valid submission: %s',
    (_name, { country: _country, agency, ...fields }) => {
      expect(agency.trim()).not.toBe('');
      const errors = validateSync(plainToInstance(CreateSubmissionRequest, fields), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      expect(errors.flatMap((error) => Object.values(error.constraints ?? {}))).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  it('covers the six action areas in every country, in all three languages, shared and national', () => {
    for (const country of COUNTRY_CODES) {
      const areas = new Set(seeds.filter((seed) => seed.country === country).flatMap((seed) => seed['actionAreas'] as string[]));
      expect(ACTION_AREAS.filter((area) => area !== 'other' && !areas.has(area))).toEqual([]);
    }
    expect(new Set(seeds.map((seed) => seed['originalLanguage']))).toEqual(new Set(['en', 'es', 'fr']));
    expect(new Set(seeds.map((seed) => seed['sharing']))).toEqual(new Set(['national', 'trilateral', 'public']));
  });
});
