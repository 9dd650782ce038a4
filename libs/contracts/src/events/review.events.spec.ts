import { EVENT_DATA_EXAMPLES } from './event-data-examples';
import { EVENT_TYPES } from './event-types';
import type { ReviewAssignmentData } from './review.events';
import { validateEventData } from './validate-event-data';

const example = EVENT_DATA_EXAMPLES[EVENT_TYPES.reviewAssigned].private;

function validate(change: (data: ReviewAssignmentData) => void) {
  const data = structuredClone(example);
  change(data);
  return validateEventData(EVENT_TYPES.reviewAssigned, 'private', data);
}

describe('ReviewAssignmentData', () => {
  it('names the account of an own expert and none of a partner expert', () => {
    expect(validate(() => undefined).ok).toBe(true);
    expect(validate((data) => delete data.reviewers[0]!.userId)).toMatchObject({ ok: false, errors: [expect.stringContaining('reviewers must name')] });
    expect(validate((data) => (data.reviewers[1]!.userId = 'someone@ca'))).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('reviewers must name')],
    });
  });

  it('gives each pick its reason', () => {
    expect(validate((data) => (data.reviewers[0]!.reason.languages = []))).toMatchObject({ ok: false });
    expect(validate((data) => (data.reviewers[0]!.reason.rule = 'random' as never))).toMatchObject({ ok: false });
  });
});
