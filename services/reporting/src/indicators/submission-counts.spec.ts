import { countChanges, ownSubmissionCounts, peerSubmissionCounts } from './submission-counts';

describe('submission counts', () => {
  it('counts an own draft by status in each of its action areas', () => {
    expect(ownSubmissionCounts({ country: 'mx', actionAreas: ['education', 'health-equity'], status: 'draft', kind: 'practice', sdgTargets: ['4.5'] })).toEqual(
      [
        { country: 'mx', actionArea: 'education', measure: 'status', value: 'draft' },
        { country: 'mx', actionArea: 'health-equity', measure: 'status', value: 'draft' },
      ],
    );
  });

  it('counts an own published submission by status, kind and each SDG target, per action area', () => {
    expect(ownSubmissionCounts({ country: 'mx', actionAreas: ['education'], status: 'published', kind: 'policy', sdgTargets: ['4.5', '10.2'] })).toEqual([
      { country: 'mx', actionArea: 'education', measure: 'status', value: 'published' },
      { country: 'mx', actionArea: 'education', measure: 'kind', value: 'policy' },
      { country: 'mx', actionArea: 'education', measure: 'sdgTarget', value: '4.5' },
      { country: 'mx', actionArea: 'education', measure: 'sdgTarget', value: '10.2' },
    ]);
  });

  it('counts a withdrawn one by status only', () => {
    expect(ownSubmissionCounts({ country: 'mx', actionAreas: ['other'], status: 'withdrawn' })).toEqual([
      { country: 'mx', actionArea: 'other', measure: 'status', value: 'withdrawn' },
    ]);
  });

  it("counts a partner's published submission by kind and SDG target, under the partner's country", () => {
    expect(peerSubmissionCounts('ca', { actionAreas: ['justice-system'], kind: 'strategy', sdgTargets: ['16.3'] })).toEqual([
      { country: 'ca', actionArea: 'justice-system', measure: 'kind', value: 'strategy' },
      { country: 'ca', actionArea: 'justice-system', measure: 'sdgTarget', value: '16.3' },
    ]);
    expect(peerSubmissionCounts('us', { actionAreas: ['education'], kind: 'dataset' })).toEqual([
      { country: 'us', actionArea: 'education', measure: 'kind', value: 'dataset' },
    ]);
  });

  it('moves a submission from draft to submitted: one down, one up', () => {
    const draft = ownSubmissionCounts({ country: 'mx', actionAreas: ['education'], status: 'draft' });
    const submitted = ownSubmissionCounts({ country: 'mx', actionAreas: ['education'], status: 'submitted' });
    expect(countChanges(draft, submitted)).toEqual([
      { key: { country: 'mx', actionArea: 'education', measure: 'status', value: 'draft' }, delta: -1 },
      { key: { country: 'mx', actionArea: 'education', measure: 'status', value: 'submitted' }, delta: 1 },
    ]);
    expect(countChanges([], draft)).toEqual([{ key: draft[0], delta: 1 }]);
  });
});
