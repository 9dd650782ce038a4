import { type CreateSubmissionRequest, EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import {
  ActionForbiddenError,
  draftSubmission,
  IllegalTransitionError,
  mayInspect,
  publishSubmission,
  reviewSubmission,
  reviseSubmission,
  type Submission,
  submitSubmission,
  withdrawSubmission,
} from './submission.lifecycle';

const ID = '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d';
const fields = {
  kind: 'practice',
  title: { es: 'Promotoras comunitarias de salud' },
  summary: { es: 'Acompañan a las familias en su lengua materna.' },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  sharing: 'trilateral',
} as CreateSubmissionRequest;

const submitter: Principal = { sub: 'ana@sre', country: 'mx', agency: 'SRE', roles: ['submitter'], trilateral: false };
const reviewer: Principal = { sub: 'rosa@conapred', country: 'mx', agency: 'CONAPRED', roles: ['reviewer'], trilateral: false };
const expert: Principal = { sub: 'maria@unam', country: 'mx', agency: 'UNAM', roles: ['expert'], trilateral: false };
const admin: Principal = { sub: 'root@sre', country: 'mx', agency: 'SEGOB', roles: ['admin'], trilateral: false };

const at = (minute: number) => `2026-11-29T09:${String(minute).padStart(2, '0')}:00.000Z`;

function submitted(): Submission {
  return submitSubmission(draftSubmission(ID, 'mx', fields, submitter, at(0)).state, submitter, at(1)).state;
}

describe('the submission lifecycle', () => {
  it("drafts version 1 for the author's agency, recorded as drafted", () => {
    const { state, type } = draftSubmission(ID, 'mx', fields, submitter, at(0));
    expect(type).toBe(EVENT_TYPES.submissionDrafted);
    expect(state).toMatchObject({
      id: ID,
      country: 'mx',
      version: 1,
      status: 'draft',
      agency: 'SRE',
      submittedBy: 'ana@sre',
      reviews: [],
      createdAt: at(0),
      updatedAt: at(0),
    });
    expect(() => draftSubmission(ID, 'mx', fields, reviewer, at(0))).toThrow(ActionForbiddenError);
  });

  it('revises only drafts of the same agency, keeping identity and history', () => {
    const draft = draftSubmission(ID, 'mx', fields, submitter, at(0)).state;
    const { state, type } = reviseSubmission(draft, { ...fields, kind: 'policy' }, submitter, at(2));
    expect(type).toBe(EVENT_TYPES.submissionUpdated);
    expect(state).toMatchObject({ version: 2, kind: 'policy', status: 'draft', createdAt: at(0), updatedAt: at(2), submittedBy: 'ana@sre' });
    expect(() => reviseSubmission(draft, fields, { ...submitter, agency: 'INPI' }, at(2))).toThrow(ActionForbiddenError);
    expect(() => reviseSubmission(submitted(), fields, submitter, at(2))).toThrow(IllegalTransitionError);
  });

  it('moves on by the review decision; an approval keeps it submitted', () => {
    const base = submitted();
    expect(reviewSubmission(base, { decision: 'approve', comment: 'Sí' }, reviewer, [], at(3))).toMatchObject({
      type: EVENT_TYPES.submissionReviewed,
      state: { status: 'submitted', version: 3 },
    });
    expect(reviewSubmission(base, { decision: 'changes-requested', comment: 'Más datos' }, reviewer, [], at(3))).toMatchObject({
      type: EVENT_TYPES.submissionChangesRequested,
      state: { status: 'changes-requested' },
    });
    expect(reviewSubmission(base, { decision: 'reject', comment: 'No' }, reviewer, [], at(3))).toMatchObject({
      type: EVENT_TYPES.submissionRejected,
      state: { status: 'rejected' },
    });
  });

  it('lets reviewers and assigned experts review, never the author or an unassigned expert', () => {
    const base = submitted();
    expect(reviewSubmission(base, { decision: 'approve', comment: 'ok' }, expert, ['maria@unam'], at(3)).state.reviews).toEqual([
      { reviewerId: 'maria@unam', decision: 'approve', comment: 'ok', reviewedAt: at(3) },
    ]);
    expect(() => reviewSubmission(base, { decision: 'approve', comment: 'ok' }, expert, [], at(3))).toThrow(ActionForbiddenError);
    expect(() => reviewSubmission(base, { decision: 'approve', comment: 'ok' }, { ...submitter, roles: ['submitter', 'reviewer'] }, [], at(3))).toThrow(
      /author/,
    );
  });

  it('publishes only after an approval given since the last submission', () => {
    const base = submitted();
    expect(() => publishSubmission(base, reviewer, at(4))).toThrow(IllegalTransitionError);
    const sentBack = reviewSubmission(
      reviewSubmission(base, { decision: 'approve', comment: 'ok' }, reviewer, [], at(3)).state,
      { decision: 'changes-requested', comment: 'one more thing' },
      reviewer,
      [],
      at(4),
    ).state;
    const resubmitted = submitSubmission(sentBack, submitter, at(5)).state;
    expect(() => publishSubmission(resubmitted, reviewer, at(6))).toThrow('approval since it was last submitted');
    const approved = reviewSubmission(resubmitted, { decision: 'approve', comment: 'ok' }, reviewer, [], at(6)).state;
    expect(publishSubmission(approved, reviewer, at(7))).toMatchObject({
      type: EVENT_TYPES.submissionPublished,
      state: { status: 'published', publishedAt: at(7) },
    });
    expect(() => publishSubmission(approved, submitter, at(7))).toThrow(ActionForbiddenError);
  });

  it('withdraws published submissions by their agency or an admin, naming the current status otherwise', () => {
    const approved = reviewSubmission(submitted(), { decision: 'approve', comment: 'ok' }, reviewer, [], at(3)).state;
    const published = publishSubmission(approved, reviewer, at(4)).state;
    expect(withdrawSubmission(published, submitter, at(5))).toMatchObject({
      type: EVENT_TYPES.submissionWithdrawn,
      state: { status: 'withdrawn', version: 5 },
    });
    expect(withdrawSubmission(published, admin, at(5)).state.status).toBe('withdrawn');
    expect(() => withdrawSubmission(published, { ...submitter, agency: 'INPI' }, at(5))).toThrow(ActionForbiddenError);
    try {
      withdrawSubmission(approved, submitter, at(5));
      throw new Error('expected an illegal transition');
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect(error).toMatchObject({ currentStatus: 'submitted', message: 'A submission that is submitted cannot be withdrawn' });
    }
  });

  it('lets its agency, reviewers, admins and assigned experts inspect an unpublished submission', () => {
    expect(mayInspect({ agency: 'SRE' }, submitter, false)).toBe(true);
    expect(mayInspect({ agency: 'SRE' }, reviewer, false)).toBe(true);
    expect(mayInspect({ agency: 'SRE' }, admin, false)).toBe(true);
    expect(mayInspect({ agency: 'SRE' }, expert, true)).toBe(true);
    expect(mayInspect({ agency: 'SRE' }, expert, false)).toBe(false);
    expect(mayInspect({ agency: 'SRE' }, { ...submitter, agency: 'INPI' }, false)).toBe(false);
  });
});
