import { ASSIGNED_REVIEWERS_MAX } from '@naperj/contracts';
import { ConfigurationError, registerServiceConfig } from '@naperj/service-kit';
import { DEFAULT_REVIEWERS_PER_SUBMISSION } from './reviewer-matcher';

/** `REVIEWERS_PER_SUBMISSION`: how many reviewers matching assigns to each submission. */
export const reviewMatchingConfig = registerServiceConfig('reviewMatching', ['REVIEWERS_PER_SUBMISSION'], (env) => {
  const value = env.REVIEWERS_PER_SUBMISSION;
  if (value === undefined || value === '') return { reviewersPerSubmission: DEFAULT_REVIEWERS_PER_SUBMISSION };
  const count = Number(value);
  if (!/^[0-9]+$/.test(value) || count < 1 || count > ASSIGNED_REVIEWERS_MAX) {
    throw new ConfigurationError([`REVIEWERS_PER_SUBMISSION must be a whole number from 1 to ${ASSIGNED_REVIEWERS_MAX}`]);
  }
  return { reviewersPerSubmission: count };
});
