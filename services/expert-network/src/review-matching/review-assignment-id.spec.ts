import { isEntityId } from '@naperj/contracts';
import { v7 as uuidv7 } from 'uuid';
import { reviewAssignmentIdOf } from './review-assignment-id';

describe('reviewAssignmentIdOf', () => {
  it('derives one UUIDv7 per submission, the same every time, with the submission’s time', () => {
    const submissionId = '01a225da-4c05-72c1-95c7-7614e4a3066b';
    const id = reviewAssignmentIdOf(submissionId);
    expect(isEntityId(id)).toBe(true);
    expect(id).toBe(reviewAssignmentIdOf(submissionId));
    expect(id).not.toBe(submissionId);
    expect(id.slice(0, 13)).toBe(submissionId.slice(0, 13));
  });

  it('gives different submissions different ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => reviewAssignmentIdOf(uuidv7())));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isEntityId(id)).toBe(true);
  });
});
