import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { jsonSchemaOf } from '../domain/json-schema';
import { CreateSubmissionRequest, ReviewSubmissionRequest, UpdateSubmissionRequest, WithdrawSubmissionRequest } from './submission-requests';

const draft = {
  kind: 'practice',
  title: { es: 'Promotoras comunitarias de salud' },
  summary: { es: 'Una red de promotoras acompaña a las familias en su lengua materna.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  sdgTargets: ['10.2', '16.b'],
  sharing: 'trilateral',
};

function violations(type: new () => object, plain: object): string[] {
  const flatten = (errors: ValidationError[], path = ''): string[] =>
    errors.flatMap((error) => [
      ...Object.values(error.constraints ?? {}).map((message) => `${path}${error.property}: ${message}`),
      ...flatten(error.children ?? [], `${path}${error.property}.`),
    ]);
  return flatten(validateSync(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }));
}

describe('submission REST requests', () => {
  it('accepts a complete draft', () => {
    expect(violations(CreateSubmissionRequest, draft)).toEqual([]);
  });

  it.each([
    [{ ...draft, originalLanguage: undefined }, 'originalLanguage: originalLanguage must be one of the following values: en, es, fr'],
    [{ ...draft, title: { en: 'Community health promoters' } }, 'title: title must have text in its original language (originalLanguage = es)'],
    [{ ...draft, sdgTargets: ['18.2'] }, 'sdgTargets: sdgTargets must be an SDG target such as 10.2 or 16.b'],
    [{ ...draft, links: ['ftp://example.org/report'] }, 'links: links must be an http or https link of at most 2048 characters'],
    [{ ...draft, owner: 'someone' }, 'owner: property owner should not exist'],
    [{ ...draft, actionAreas: [] }, 'actionAreas: actionAreas must contain at least 1 elements'],
    [{ ...draft, sharing: 'secret' }, 'sharing: sharing must be one of the following values: national, trilateral, public'],
  ])('rejects a draft with a bad field (%#)', (plain, message) => {
    expect(violations(CreateSubmissionRequest, plain)).toContain(message);
  });

  it.each(['body', 'sdgTargets', 'frameworks', 'populations', 'evidence', 'links'])(
    'refuses a draft whose optional %s is null: it is left out or given, as its schema says',
    (member) => {
      expect(violations(CreateSubmissionRequest, { ...draft, [member]: null })).not.toEqual([]);
    },
  );

  it('refuses a withdrawal whose reason is null, and takes one without a reason', () => {
    expect(violations(WithdrawSubmissionRequest, { reason: null })).not.toEqual([]);
    expect(violations(WithdrawSubmissionRequest, {})).toEqual([]);
  });

  it('takes null in an update, where it removes an optional field', () => {
    expect(violations(UpdateSubmissionRequest, { links: null, evidence: null, body: null })).toEqual([]);
  });

  it('accepts a partial update, still checking each field given', () => {
    expect(violations(UpdateSubmissionRequest, { summary: { fr: 'Un réseau de promotrices.' } })).toEqual([]);
    expect(violations(UpdateSubmissionRequest, {})).toEqual([]);
    expect(violations(UpdateSubmissionRequest, { kind: 'poem' })).toEqual([
      'kind: kind must be one of the following values: practice, strategy, policy, dataset, action-area-proposal',
    ]);
  });

  it('requires a decision and a comment on a review', () => {
    expect(violations(ReviewSubmissionRequest, { decision: 'approve', comment: 'Bien documentada.' })).toEqual([]);
    expect(violations(ReviewSubmissionRequest, { decision: 'maybe' })).toEqual(
      expect.arrayContaining([
        'decision: decision must be one of the following values: approve, changes-requested, reject',
        'comment: comment must be a string',
      ]),
    );
  });

  it('describes each body with a closed JSON Schema naming what is required', () => {
    expect(jsonSchemaOf(CreateSubmissionRequest)).toMatchObject({
      additionalProperties: false,
      required: expect.arrayContaining(['kind', 'title', 'summary', 'originalLanguage', 'actionAreas', 'sharing']) as unknown,
    });
    expect(jsonSchemaOf(UpdateSubmissionRequest).required ?? []).toEqual([]);
  });
});
