import { ACTION_AREAS, COUNTRY_CODES, CreateSubmissionRequest, K_ANONYMITY } from '@naperj/contracts';
import { CreateConsultationRequest } from '@naperj/community-engagement/consultations/consultation.dto';
import { CreateContributionRequest } from '@naperj/community-engagement/contributions/contribution.dto';
import { RegisterExpertRequest } from '@naperj/expert-network/experts/expert-requests.dto';
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

const seedFile = <T>(name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/local/seed', name), 'utf8')) as T[];
const seeds = seedFile<Seed>('submissions.json');
const experts = seedFile<Seed>('experts.json');
const consultations = seedFile<{
  country: string;
  agency: string;
  consultation: object;
  contributions: { theme: string; count: number; language: string; text: string }[];
}>('consultations.json');
const consent = { shareProfile: true, contactable: true, review: true, wordingVersion: '2026-09' };

function problems(type: new () => object, body: object): string[] {
  const errors = validateSync(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const flatten = (list: typeof errors): string[] => list.flatMap((error) => [...Object.values(error.constraints ?? {}), ...flatten(error.children ?? [])]);
  return errors.length > 0 ? [...flatten(errors), 'invalid'] : [];
}

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

  it.each(experts.map((expert) => [`${expert.country} ${String(expert['name'])}`, expert] as const))(
    'is a valid expert registration: %s',
    (_name, { country: _country, agency, ...profile }) => {
      expect(agency.trim()).not.toBe('');
      expect(problems(RegisterExpertRequest, { ...profile, consent })).toEqual([]);
    },
  );

  it('has experts in every country, some working in Indigenous languages', () => {
    for (const country of COUNTRY_CODES) expect(experts.filter((expert) => expert.country === country).length).toBeGreaterThanOrEqual(2);
    const languages = new Set(experts.flatMap((expert) => expert['languages'] as string[]));
    for (const tag of ['nah', 'mix', 'nv', 'cr', 'iu', 'oj']) expect(languages).toContain(tag);
  });

  it.each(consultations.map((entry) => [entry.country, entry] as const))(
    'is a valid consultation whose insight publishes some cells and suppresses others: %s',
    (_country, { consultation, contributions }) => {
      expect(problems(CreateConsultationRequest, consultation)).toEqual([]);
      for (const { theme, language, text } of contributions) {
        const body = { text, language, themes: [theme], consent: { store: true, shareAnonymized: true, wordingVersion: '2026-09' } };
        expect(problems(CreateContributionRequest, body)).toEqual([]);
      }
      const counts = contributions.map((contribution) => contribution.count);
      expect(counts.some((count) => count >= K_ANONYMITY)).toBe(true);
      expect(counts.some((count) => count < K_ANONYMITY)).toBe(true);
    },
  );

  it('has one consultation per country', () => {
    expect(consultations.map((entry) => entry.country).sort()).toEqual([...COUNTRY_CODES].sort());
  });
});
