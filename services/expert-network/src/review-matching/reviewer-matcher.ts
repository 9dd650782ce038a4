import type { ActionArea, AssignedReviewer, CountryCode, Language, ReviewerPickRule } from '@naperj/contracts';
import { createHash } from 'node:crypto';

/** How many reviewers a submission gets unless the node says otherwise. */
export const DEFAULT_REVIEWERS_PER_SUBMISSION = 3;

/** What matching reads of a submitted submission. */
export interface SubmissionToMatch {
  id: string;
  agency: string;
  /** The submitter's account. */
  submittedBy?: string;
  actionAreas: readonly ActionArea[];
  /** Its original language and every language it has text in. */
  languages: readonly Language[];
}

interface CandidateProfile {
  expertId: string;
  /** The expert's node. */
  country: CountryCode;
  actionAreas: readonly ActionArea[];
  /** BCP 47 tags. */
  languages: readonly string[];
  /** Consented to review submissions. */
  reviews: boolean;
  /** Reviews assigned to the expert on this node and still open. */
  openReviews: number;
}

/** One of the node's own experts: its account and agency are known here. */
export interface OwnCandidate extends CandidateProfile {
  origin: 'own';
  userId: string;
  agency: string;
}

/** A partner's expert, as its node shared the profile: no account, no agency. */
export interface PartnerCandidate extends CandidateProfile {
  origin: 'partner';
}

export type ReviewerCandidate = OwnCandidate | PartnerCandidate;

interface Eligible {
  candidate: ReviewerCandidate;
  actionAreas: ActionArea[];
  languages: Language[];
  tieBreak: string;
}

/**
 * The reviewers of one submission, best first, each with its reason. Eligible: consented to
 * review, works in one of its action areas and one of its languages, and (for the node's own
 * experts) is neither the submitter nor from the submitting agency. The seats go to those with
 * the fewest open reviews; when no partner's expert made it on load alone, the last seat goes
 * to the eligible partner's expert with the fewest. Ties fall to a hash of the submission and
 * the expert: the same inputs give the same picks, and different submissions spread over
 * equally loaded experts. A resubmission with the same loads gets the same reviewers again.
 */
export function matchReviewers(
  submission: SubmissionToMatch,
  candidates: readonly ReviewerCandidate[],
  count: number = DEFAULT_REVIEWERS_PER_SUBMISSION,
): AssignedReviewer[] {
  const ranked = candidates
    .map((candidate) => eligibility(submission, candidate))
    .filter((eligible): eligible is Eligible => eligible !== undefined)
    .sort(byPriority);
  const byLoad = ranked.slice(0, count);
  const partner = ranked.find(({ candidate }) => candidate.origin === 'partner');
  const picks: [Eligible, ReviewerPickRule][] = byLoad.map((eligible) => [eligible, 'fewest-open-reviews']);
  // An eligible partner left out means every seat was taken, so the last one is given up.
  if (count > 0 && partner && !byLoad.includes(partner)) picks[count - 1] = [partner, 'partner-country'];
  return picks.map(([eligible, rule]) => assigned(eligible, rule));
}

/** The primary subtag of a BCP 47 tag: `es-MX` and `es-419` both speak `es`. */
export function primaryLanguage(tag: string): string {
  return tag.split('-', 1)[0]!.toLowerCase();
}

function eligibility(submission: SubmissionToMatch, candidate: ReviewerCandidate): Eligible | undefined {
  if (!candidate.reviews) return undefined;
  if (candidate.origin === 'own' && (candidate.agency === submission.agency || candidate.userId === submission.submittedBy)) return undefined;
  const actionAreas = submission.actionAreas.filter((area) => candidate.actionAreas.includes(area));
  const spoken = new Set(candidate.languages.map(primaryLanguage));
  const languages = submission.languages.filter((language) => spoken.has(language));
  if (actionAreas.length === 0 || languages.length === 0) return undefined;
  const tieBreak = createHash('sha256').update(`${submission.id}:${candidate.country}:${candidate.expertId}`).digest('hex');
  return { candidate, actionAreas, languages, tieBreak };
}

function byPriority(a: Eligible, b: Eligible): number {
  return (
    a.candidate.openReviews - b.candidate.openReviews ||
    b.actionAreas.length - a.actionAreas.length ||
    compare(a.tieBreak, b.tieBreak) ||
    compare(`${a.candidate.country}:${a.candidate.expertId}`, `${b.candidate.country}:${b.candidate.expertId}`)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assigned({ candidate, actionAreas, languages }: Eligible, rule: ReviewerPickRule): AssignedReviewer {
  return {
    expertId: candidate.expertId,
    country: candidate.country,
    ...(candidate.origin === 'own' ? { userId: candidate.userId } : {}),
    reason: { rule, actionAreas, languages, openReviews: candidate.openReviews },
  };
}
