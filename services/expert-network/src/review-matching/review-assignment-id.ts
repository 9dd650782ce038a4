import { createHash } from 'node:crypto';

/**
 * The id of a submission's assignment, derived from the submission's: every replica and every
 * redelivery names the same subject without a lookup, so the unique (subject, version) of the
 * event store decides between them. A UUIDv7 like every entity id: the submission's timestamp,
 * the rest from a hash.
 */
export function reviewAssignmentIdOf(submissionId: string): string {
  const hash = createHash('sha256').update(`review-assignment:${submissionId}`).digest('hex');
  const timestamp = submissionId.replaceAll('-', '').slice(0, 12);
  const variant = ((parseInt(hash[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${timestamp.slice(0, 8)}-${timestamp.slice(8, 12)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}
