import {
  ACTION_AREAS,
  DATA_CLASSIFICATIONS,
  EVIDENCE_LEVELS,
  FRAMEWORKS,
  LANGUAGES,
  SHARING_LEVELS,
  SUBMISSION_KINDS,
  SUBMISSION_STATUSES,
} from './vocabularies';

describe('vocabularies of docs/architecture.md, Vocabularies', () => {
  it.each([
    ['LANGUAGES', LANGUAGES, ['en', 'es', 'fr']],
    [
      'ACTION_AREAS',
      ACTION_AREAS,
      ['health-equity', 'economic-inclusion', 'justice-system', 'ballot-access', 'education', 'public-service-workforce', 'other'],
    ],
    ['SUBMISSION_KINDS', SUBMISSION_KINDS, ['practice', 'strategy', 'policy', 'dataset', 'action-area-proposal']],
    ['SUBMISSION_STATUSES', SUBMISSION_STATUSES, ['draft', 'submitted', 'changes-requested', 'published', 'rejected', 'withdrawn']],
    ['FRAMEWORKS', FRAMEWORKS, ['sdg', 'undrip', 'idpad']],
    ['EVIDENCE_LEVELS', EVIDENCE_LEVELS, ['anecdotal', 'evaluated', 'peer-reviewed']],
    ['SHARING_LEVELS', SHARING_LEVELS, ['national', 'trilateral', 'public']],
    ['DATA_CLASSIFICATIONS', DATA_CLASSIFICATIONS, ['public', 'confidential', 'internal', 'restricted']],
  ])('%s spells the contract', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});
