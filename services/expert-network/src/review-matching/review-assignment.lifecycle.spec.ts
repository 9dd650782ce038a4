import {
  type AssignedReviewer,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES,
  privateEventsTopic,
  type ReviewAssignmentData,
  type ReviewerMatchReason,
  type SubmissionData,
} from '@naperj/contracts';
import { reviewAssignmentIdOf } from './review-assignment-id';
import { assignmentEvent, assignmentStep, candidateKeyOf, nextAssignment, submissionToMatch } from './review-assignment.lifecycle';

const submitted: SubmissionData = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionSubmitted].private;
const reason: ReviewerMatchReason = { rule: 'fewest-open-reviews', actionAreas: ['health-equity'], languages: ['es'], openReviews: 0 };
const ownReviewer: AssignedReviewer = { expertId: '01a225da-4c08-72f7-b855-9f786ba59836', country: 'mx', userId: 'dev-mx-insp', reason };
const AT = '2026-10-12T18:40:01.250Z';

describe('review assignment lifecycle', () => {
  it('matches a first submission and each later one, once', () => {
    const first = nextAssignment(undefined, submitted, [structuredClone(ownReviewer)], AT);
    expect(assignmentStep(undefined, submitted.version)).toBe('match');
    expect(assignmentStep(first, submitted.version)).toBe('assigned');
    expect(assignmentStep(first, submitted.version - 1)).toBe('superseded');
    expect(assignmentStep(first, submitted.version + 2)).toBe('match');
    const again = nextAssignment(first, { ...submitted, version: submitted.version + 2 }, [], AT);
    expect(again).toMatchObject({ id: first.id, version: 2, submissionVersion: submitted.version + 2, reviewers: [] });
  });

  it('records the assignment as its own subject, on the private topic only', () => {
    const assignment: ReviewAssignmentData = nextAssignment(undefined, submitted, [structuredClone(ownReviewer)], AT);
    expect(assignment).toMatchObject({
      id: reviewAssignmentIdOf(submitted.id),
      country: 'mx',
      version: 1,
      submissionId: submitted.id,
      submissionVersion: submitted.version,
    });
    expect(assignmentEvent(assignment)).toEqual({
      subject: assignment.id,
      version: 1,
      type: EVENT_TYPES.reviewAssigned,
      deliveries: [{ topic: privateEventsTopic('mx', 'expert-network'), dataclassification: 'restricted', data: assignment }],
    });
  });

  it('refuses to record an own reviewer without an account', () => {
    const { userId: _none, ...withoutAccount } = structuredClone(ownReviewer);
    expect(() => assignmentEvent(nextAssignment(undefined, submitted, [withoutAccount], AT))).toThrow('reviewers must name');
  });

  it('reads the languages a submission has text in, and its original one', () => {
    expect(
      submissionToMatch({ ...submitted, originalLanguage: 'es', title: { es: 'Título', en: 'Title' }, summary: { es: 'Resumen', fr: ' ' }, body: undefined }),
    ).toEqual({
      id: submitted.id,
      agency: submitted.agency,
      submittedBy: submitted.submittedBy,
      actionAreas: submitted.actionAreas,
      languages: ['en', 'es'],
    });
    expect(
      submissionToMatch({ ...submitted, originalLanguage: 'fr', title: { fr: 'Titre' }, summary: { fr: 'Résumé' }, body: { en: 'Body' } }).languages,
    ).toEqual(['en', 'fr']);
  });

  it('keys an own reviewer by its id and a partner one by its origin', () => {
    expect(candidateKeyOf('mx', ownReviewer)).toBe(ownReviewer.expertId);
    expect(candidateKeyOf('mx', { ...ownReviewer, country: 'us' })).toBe(`us:${ownReviewer.expertId}`);
  });
});
