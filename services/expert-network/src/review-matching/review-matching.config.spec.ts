import { ConfigurationError } from '@naperj/service-kit';
import { reviewMatchingConfig } from './review-matching.config';

describe('reviewMatchingConfig', () => {
  it('assigns three reviewers unless REVIEWERS_PER_SUBMISSION says otherwise', () => {
    expect(reviewMatchingConfig({})).toEqual({ reviewersPerSubmission: 3 });
    expect(reviewMatchingConfig({ REVIEWERS_PER_SUBMISSION: '5' })).toEqual({ reviewersPerSubmission: 5 });
  });

  it.each(['0', '11', '2.5', 'three', '-1'])('refuses REVIEWERS_PER_SUBMISSION=%s', (value) => {
    expect(() => reviewMatchingConfig({ REVIEWERS_PER_SUBMISSION: value })).toThrow(ConfigurationError);
  });
});
