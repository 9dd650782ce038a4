import { EVENT_DATA_EXAMPLES, EVENT_TYPES, SharedSubmissionData } from '@naperj/contracts';
import type { ConsumedTopic } from './consumed-topic';
import { classificationMismatch, CONTRACTS_EVENT_CATALOG } from './event-catalog';

const US_SHARED_SUBMISSIONS: ConsumedTopic = { name: 'us.shared.submissions.v1', origin: 'us', from: 'shared', stream: 'submissions' };
const MX_SUBMISSIONS: ConsumedTopic = { name: 'mx.submissions.events.v1', origin: 'mx', from: 'own', stream: 'submissions' };
const MX_REPORTING: ConsumedTopic = { name: 'mx.reporting.events.v1', origin: 'mx', from: 'own', stream: 'reporting' };

describe('CONTRACTS_EVENT_CATALOG', () => {
  it("lets a shared topic carry its stream's types only", () => {
    expect(CONTRACTS_EVENT_CATALOG.carries(US_SHARED_SUBMISSIONS, EVENT_TYPES.submissionPublished)).toBe(true);
    expect(CONTRACTS_EVENT_CATALOG.carries(US_SHARED_SUBMISSIONS, EVENT_TYPES.submissionDrafted)).toBe(false);
    expect(CONTRACTS_EVENT_CATALOG.carries(US_SHARED_SUBMISSIONS, EVENT_TYPES.expertRegistered)).toBe(false);
  });

  it("lets a private topic carry its service's types that have a private view", () => {
    expect(CONTRACTS_EVENT_CATALOG.carries(MX_SUBMISSIONS, EVENT_TYPES.submissionDrafted)).toBe(true);
    expect(CONTRACTS_EVENT_CATALOG.carries(MX_SUBMISSIONS, EVENT_TYPES.reviewAssigned)).toBe(false);
    expect(CONTRACTS_EVENT_CATALOG.carries(MX_REPORTING, EVENT_TYPES.nodeHeartbeat)).toBe(false);
  });

  it('knows no type outside the contracts', () => {
    expect(CONTRACTS_EVENT_CATALOG.carries(MX_SUBMISSIONS, 'org.naperj.submission.exploded.v1')).toBe(false);
    expect(CONTRACTS_EVENT_CATALOG.validate('org.naperj.submission.exploded.v1', 'private', {})).toEqual({
      ok: false,
      errors: ['unknown event type org.naperj.submission.exploded.v1'],
    });
  });

  it('validates data against the payload class of the visibility', () => {
    const shared = EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionPublished].shared;
    const check = CONTRACTS_EVENT_CATALOG.validate(EVENT_TYPES.submissionPublished, 'shared', shared);
    expect(check).toMatchObject({ ok: true });
    // An instance of the payload class, with the members of the data and no others.
    const value = (check as { value: object }).value;
    expect(value).toBeInstanceOf(SharedSubmissionData);
    expect(Object.keys(value).sort()).toEqual(Object.keys(shared).sort());
    const { version, ...versionless } = shared;
    expect(version).toBeGreaterThan(0);
    expect(CONTRACTS_EVENT_CATALOG.validate(EVENT_TYPES.submissionPublished, 'shared', versionless)).toMatchObject({ ok: false });
  });
});

describe('classificationMismatch', () => {
  it('accepts internal and restricted data on private topics, confidential and public on shared ones', () => {
    expect(['internal', 'restricted'].map((c) => classificationMismatch('private', c as never))).toEqual([undefined, undefined]);
    expect(['confidential', 'public'].map((c) => classificationMismatch('shared', c as never))).toEqual([undefined, undefined]);
  });

  it('refuses personal data on a shared topic', () => {
    expect(classificationMismatch('shared', 'restricted')).toBe(
      'ce_dataclassification "restricted" does not belong on a shared topic (expected confidential or public)',
    );
  });
});
