import { EVENT_DATA_EXAMPLES } from './event-data-examples';
import { EVENT_TYPES } from './event-types';
import { validateEventData } from './validate-event-data';

const requested = EVENT_DATA_EXAMPLES[EVENT_TYPES.exchangeRequested].shared;
const closed = EVENT_DATA_EXAMPLES[EVENT_TYPES.exchangeClosed].private;

const errorsOf = (data: object, type: typeof EVENT_TYPES.exchangeRequested | typeof EVENT_TYPES.exchangeClosed = EVENT_TYPES.exchangeRequested) => {
  const validation = validateEventData(type, type === EVENT_TYPES.exchangeClosed ? 'private' : 'shared', data);
  return validation.ok ? [] : validation.errors;
};

describe('exchange data', () => {
  it('accepts the examples', () => {
    expect(errorsOf(requested)).toEqual([]);
    expect(errorsOf(closed, EVENT_TYPES.exchangeClosed)).toEqual([]);
  });

  it('needs a due time after the creation', () => {
    expect(errorsOf({ ...requested, dueAt: requested.createdAt })).toEqual(['dueAt: dueAt must be later than createdAt']);
    expect(errorsOf({ ...requested, dueAt: '2026-10-01T00:00:00.000Z' })).toEqual(['dueAt: dueAt must be later than createdAt']);
  });

  it('takes working languages as canonical BCP 47 tags, Indigenous languages included', () => {
    expect(errorsOf({ ...requested, languages: ['nah', 'oj', 'es-MX'] })).toEqual([]);
    expect(errorsOf({ ...requested, languages: ['es-mx'] })).toHaveLength(1);
    expect(errorsOf({ ...requested, languages: [] })).toHaveLength(1);
  });

  it('has a closing time and an outcome only once closed', () => {
    expect(errorsOf({ ...requested, closedAt: '2026-11-15T17:00:00.000Z' })).toEqual(['closedAt: closedAt belongs only where status is "closed"']);
    expect(errorsOf({ ...requested, outcome: closed.outcome })).toEqual(['outcome: outcome belongs only where status is "closed"']);
    const { closedAt: _closedAt, ...withoutTime } = closed;
    expect(errorsOf(withoutTime, EVENT_TYPES.exchangeClosed)).toContain(
      'closedAt: closedAt must be a UTC timestamp with milliseconds, e.g. 2026-11-03T17:20:05.123Z',
    );
    const { outcome: _outcome, ...withoutOutcome } = closed;
    expect(errorsOf(withoutOutcome, EVENT_TYPES.exchangeClosed)).toEqual([]);
  });

  describe('an outcome', () => {
    const closedWith = (outcome: object) => errorsOf({ ...closed, outcome }, EVENT_TYPES.exchangeClosed);
    const submissionId = '01a225da-4c05-72c1-95c7-7614e4a3066b';

    it('names a submission by its id', () => {
      expect(closedWith({ kind: 'submission', submissionId })).toEqual([]);
      expect(closedWith({ kind: 'submission' })).toEqual(['outcome.submissionId: submissionId must be a lowercase UUIDv7']);
      expect(closedWith({ kind: 'submission', submissionId: 'SUB-1' })).toEqual(['outcome.submissionId: submissionId must be a lowercase UUIDv7']);
    });

    it('or proposes an action area in any language', () => {
      expect(closedWith({ kind: 'action-area-proposal', proposal: { es: 'Formación en lenguas indígenas' } })).toEqual([]);
      expect(closedWith({ kind: 'action-area-proposal' })).toContain('outcome.proposal: proposal must be a non-empty object');
      expect(closedWith({ kind: 'action-area-proposal', proposal: {} })).toEqual(['outcome.proposal: proposal must be a non-empty object']);
    });

    it('holds only the members of its kind', () => {
      expect(closedWith({ kind: 'submission', submissionId, proposal: { en: 'A new area' } })).toEqual([
        'outcome.proposal: proposal belongs only where kind is "action-area-proposal"',
      ]);
      expect(closedWith({ kind: 'action-area-proposal', proposal: { en: 'A new area' }, submissionId })).toEqual([
        'outcome.submissionId: submissionId belongs only where kind is "submission"',
      ]);
      expect(closedWith({ kind: 'merger' })).toEqual(['outcome.kind: kind must be one of the following values: submission, action-area-proposal']);
    });
  });
});
