import { EVENT_DATA_EXAMPLES, EVENT_TYPES } from '@naperj/contracts';
import { documentedResponses, type ResponseSchemaCheck } from '@naperj/service-kit/testing';
import { Test } from '@nestjs/testing';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

const { private: submitted } = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionSubmitted];
const { shared } = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished];
const { reviewers } = EVENT_DATA_EXAMPLES[EVENT_TYPES.reviewAssigned].private;

// The views each route answers (submission.view.ts): fuzzing found a submission with its reviewers refused.
describe('the submissions API documentation', () => {
  let check: ResponseSchemaCheck;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [SubmissionsController],
      providers: [{ provide: SubmissionsService, useValue: {} }],
    }).compile();
    check = documentedResponses(moduleRef.createNestApplication());
  });

  it('describes an own submission as its agency and reviewers see it, with its assigned reviewers or none yet', () => {
    expect(check('get', '/submissions/{id}', 200, submitted)).toEqual([]);
    expect(check('get', '/submissions/{id}', 200, { ...submitted, assignedReviewers: reviewers })).toEqual([]);
    expect(check('get', '/submissions/{id}', 200, { ...submitted, assignedReviewers: [] })).toEqual([]);
  });

  it('describes the shareable view, with its status, and refuses it with reviewers', () => {
    expect(check('get', '/submissions/{id}', 200, { ...shared, status: 'published' })).toEqual([]);
    expect(check('get', '/submissions/{id}', 200, { ...shared, status: 'published', assignedReviewers: reviewers })).not.toEqual([]);
  });
});
