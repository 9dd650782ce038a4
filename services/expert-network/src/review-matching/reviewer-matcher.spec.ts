import type { ActionArea, AssignedReviewer } from '@naperj/contracts';
import { matchReviewers, type OwnCandidate, type PartnerCandidate, type ReviewerCandidate, type SubmissionToMatch } from './reviewer-matcher';

const AGENCIES = ['SRE', 'INPI', 'CONAPRED', 'INSP', 'UNAM'];

function own(n: number, fields: Partial<OwnCandidate> = {}): OwnCandidate {
  return {
    origin: 'own',
    expertId: `019ac5e2-7c1f-7a3b-8c4d-${n.toString(16).padStart(12, '0')}`,
    country: 'mx',
    userId: `expert${n}@mx`,
    agency: AGENCIES[n % AGENCIES.length]!,
    actionAreas: ['health-equity', 'education'],
    languages: ['es', 'en'],
    reviews: true,
    openReviews: 0,
    ...fields,
  };
}

function partner(n: number, fields: Partial<PartnerCandidate> = {}): PartnerCandidate {
  return {
    origin: 'partner',
    expertId: `019ac5e2-7c1f-7a3b-9c4d-${n.toString(16).padStart(12, '0')}`,
    country: 'us',
    actionAreas: ['health-equity'],
    languages: ['en-US'],
    reviews: true,
    openReviews: 0,
    ...fields,
  };
}

function submission(n: number, fields: Partial<SubmissionToMatch> = {}): SubmissionToMatch {
  return {
    id: `019ac5e2-7c1f-7a3b-ac4d-${n.toString(16).padStart(12, '0')}`,
    agency: 'SRE',
    submittedBy: 'ana@sre',
    actionAreas: ['health-equity'],
    languages: ['es'],
    ...fields,
  };
}

const key = ({ country, expertId }: { country: string; expertId: string }) => `${country}:${expertId}`;

/** Matches the submissions one after the other, each assignment adding to its reviewers' open reviews. */
function matchInTurn(
  submissions: SubmissionToMatch[],
  candidates: ReviewerCandidate[],
  count?: number,
): { picks: AssignedReviewer[][]; load: Map<string, number> } {
  const load = new Map(candidates.map((candidate) => [key(candidate), candidate.openReviews]));
  const picks = submissions.map((next) => {
    const reviewers = matchReviewers(
      next,
      candidates.map((candidate) => ({ ...candidate, openReviews: load.get(key(candidate))! })),
      count,
    );
    for (const reviewer of reviewers) load.set(key(reviewer), load.get(key(reviewer))! + 1);
    return reviewers;
  });
  return { picks, load };
}

describe('matchReviewers', () => {
  it('over 20 submissions of an agency never picks an expert of that agency nor the submitter', () => {
    const candidates = [...Array.from({ length: 10 }, (_, n) => own(n)), own(10, { userId: 'ana@sre', agency: 'UNAM' })];
    const submissions = Array.from({ length: 20 }, (_, n) => submission(n, { agency: AGENCIES[n % AGENCIES.length]!, submittedBy: 'ana@sre' }));
    const { picks } = matchInTurn(submissions, candidates);
    submissions.forEach((submitted, n) => {
      expect(picks[n]).toHaveLength(3);
      for (const reviewer of picks[n]!) {
        const picked = candidates.find((candidate) => candidate.expertId === reviewer.expertId)!;
        expect(picked.agency).not.toBe(submitted.agency);
        expect(reviewer.userId).not.toBe('ana@sre');
      }
    });
  });

  it('spreads load: over 20 submissions the open reviews of eligible experts differ by one at most', () => {
    const candidates = Array.from({ length: 7 }, (_, n) => own(n, { agency: 'UNAM' }));
    const { load } = matchInTurn(
      Array.from({ length: 20 }, (_, n) => submission(n)),
      candidates,
    );
    const loads = [...load.values()];
    expect(loads.reduce((sum, open) => sum + open, 0)).toBe(60);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('picks the fewest open reviews first and says so', () => {
    const candidates = [own(1, { openReviews: 4 }), own(2, { openReviews: 1 }), own(3, { openReviews: 0 }), own(4, { openReviews: 2 })].map((candidate) => ({
      ...candidate,
      agency: 'UNAM',
    }));
    const reviewers = matchReviewers(submission(1), candidates);
    expect(reviewers.map(({ userId }) => userId)).toEqual(['expert3@mx', 'expert2@mx', 'expert4@mx']);
    expect(reviewers[0]).toEqual({
      expertId: candidates[2]!.expertId,
      country: 'mx',
      userId: 'expert3@mx',
      reason: { rule: 'fewest-open-reviews', actionAreas: ['health-equity'], languages: ['es'], openReviews: 0 },
    });
  });

  it('keeps a seat for a partner expert who consented to review, even a busier one, without an account', () => {
    const candidates = [own(1, { agency: 'UNAM' }), own(2, { agency: 'UNAM' }), own(3, { agency: 'UNAM' }), partner(1, { openReviews: 5 })];
    const reviewers = matchReviewers(submission(1, { languages: ['es', 'en'] }), candidates);
    expect(reviewers).toHaveLength(3);
    expect(reviewers[2]).toEqual({
      expertId: candidates[3]!.expertId,
      country: 'us',
      reason: { rule: 'partner-country', actionAreas: ['health-equity'], languages: ['en'], openReviews: 5 },
    });
  });

  it('counts a partner picked on load alone as the partner seat', () => {
    const reviewers = matchReviewers(submission(1, { languages: ['en'] }), [own(1, { agency: 'UNAM', openReviews: 2 }), partner(1), partner(2)], 2);
    expect(reviewers.map(({ country, reason }) => [country, reason.rule])).toEqual([
      ['us', 'fewest-open-reviews'],
      ['us', 'fewest-open-reviews'],
    ]);
  });

  it('over 20 submissions includes a partner expert in every assignment when one consented', () => {
    const candidates = [...Array.from({ length: 6 }, (_, n) => own(n)), partner(1), partner(2, { country: 'ca', languages: ['fr-CA', 'es'] })];
    const { picks } = matchInTurn(
      Array.from({ length: 20 }, (_, n) => submission(n, { languages: ['es', 'en'] })),
      candidates,
    );
    for (const reviewers of picks) expect(reviewers.filter(({ country }) => country !== 'mx').length).toBeGreaterThanOrEqual(1);
  });

  it('picks no partner expert who did not consent to review, nor an own expert who did not', () => {
    const candidates = [own(1, { agency: 'UNAM' }), own(2, { agency: 'UNAM', reviews: false }), partner(1, { reviews: false, languages: ['es'] })];
    expect(matchReviewers(submission(1), candidates).map(({ expertId }) => expertId)).toEqual([candidates[0]!.expertId]);
  });

  it('matches by action area and by the primary subtag of a language tag', () => {
    const candidates = [
      own(1, { agency: 'UNAM', languages: ['es-MX'] }),
      own(2, { agency: 'UNAM', languages: ['nah', 'en'] }),
      own(3, { agency: 'UNAM', languages: ['es'], actionAreas: ['justice-system'] as ActionArea[] }),
      own(4, { agency: 'UNAM', languages: ['fr-CA'] }),
    ];
    const reviewers = matchReviewers(submission(1, { languages: ['es', 'fr'], actionAreas: ['health-equity', 'education'] }), candidates);
    expect(reviewers.map(({ userId, reason }) => [userId, reason.languages, reason.actionAreas])).toEqual(
      expect.arrayContaining([
        ['expert1@mx', ['es'], ['health-equity', 'education']],
        ['expert4@mx', ['fr'], ['health-equity', 'education']],
      ]),
    );
    expect(reviewers).toHaveLength(2);
  });

  it('gives the same picks for the same inputs, whatever the order of the candidates', () => {
    const candidates = [...Array.from({ length: 12 }, (_, n) => own(n, { agency: 'UNAM' })), partner(1), partner(2)];
    const first = matchReviewers(submission(7), candidates);
    expect(matchReviewers(submission(7), [...candidates].reverse())).toEqual(first);
    expect(matchReviewers(submission(7), candidates)).toEqual(first);
  });

  it('spreads equally loaded experts over different submissions', () => {
    const candidates = Array.from({ length: 12 }, (_, n) => own(n, { agency: 'UNAM' }));
    const firstPicks = new Set(Array.from({ length: 20 }, (_, n) => matchReviewers(submission(n), candidates)[0]!.expertId));
    expect(firstPicks.size).toBeGreaterThan(1);
  });

  it('matches a resubmission again: the same reviewers for the same loads, others once loads changed', () => {
    const candidates = Array.from({ length: 6 }, (_, n) => own(n, { agency: 'UNAM' }));
    const first = matchReviewers(submission(1), candidates);
    expect(matchReviewers(submission(1), candidates)).toEqual(first);
    const busier = candidates.map((candidate) =>
      first.some(({ expertId }) => expertId === candidate.expertId) ? { ...candidate, openReviews: 2 } : candidate,
    );
    const again = matchReviewers(submission(1), busier);
    expect(again).toHaveLength(3);
    expect(again.filter(({ expertId }) => first.some((picked) => picked.expertId === expertId))).toEqual([]);
  });

  it('picks as many as asked, fewer when fewer are eligible, none when nobody is', () => {
    const candidates = Array.from({ length: 6 }, (_, n) => own(n, { agency: 'UNAM' }));
    expect(matchReviewers(submission(1), candidates, 5)).toHaveLength(5);
    expect(matchReviewers(submission(1), candidates.slice(0, 2))).toHaveLength(2);
    expect(matchReviewers(submission(1, { actionAreas: ['ballot-access'] }), candidates)).toEqual([]);
    expect(matchReviewers(submission(1), [], 3)).toEqual([]);
  });
});
