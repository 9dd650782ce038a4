import { type CreateSubmissionRequest, EVENT_TYPES } from '@naperj/contracts';
import type { Principal } from '@naperj/service-kit';
import { draftSubmission, publishSubmission, reviewSubmission, submitSubmission, withdrawSubmission } from './submission.lifecycle';
import { deliveriesOf } from './submission.deliveries';

const submitter: Principal = { sub: 'ana@sre', country: 'mx', agency: 'SRE', roles: ['submitter'], trilateral: false };
const reviewer: Principal = { sub: 'rosa@conapred', country: 'mx', agency: 'CONAPRED', roles: ['reviewer'], trilateral: false };

const ID = '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d';

function fields(sharing: 'national' | 'trilateral' | 'public'): CreateSubmissionRequest {
  return {
    kind: 'practice',
    title: { es: 'Promotoras comunitarias de salud' },
    summary: { es: 'Acompañan a las familias en su lengua materna.' },
    originalLanguage: 'es',
    actionAreas: ['health-equity'],
    sharing,
  };
}

function publishedChange(sharing: 'national' | 'trilateral' | 'public') {
  let state = draftSubmission(ID, 'mx', fields(sharing), submitter, '2026-11-29T09:00:00.000Z').state;
  state = submitSubmission(state, submitter, '2026-11-29T09:01:00.000Z').state;
  state = reviewSubmission(state, { decision: 'approve', comment: 'Sólida.' }, reviewer, [], '2026-11-29T09:02:00.000Z').state;
  return publishSubmission(state, reviewer, '2026-11-29T09:03:00.000Z');
}

describe('what a submission change publishes', () => {
  it('keeps a draft on the private topic: the full view, restricted since it names accounts', () => {
    const change = draftSubmission(ID, 'mx', fields('trilateral'), submitter, '2026-11-29T09:00:00.000Z');
    expect(deliveriesOf(change)).toEqual([
      {
        topic: 'mx.submissions.events.v1',
        dataclassification: 'restricted',
        data: expect.objectContaining({ status: 'draft', submittedBy: 'ana@sre' }) as unknown,
      },
    ]);
  });

  it('shares a published trilateral submission as its shareable view, confidential', () => {
    const [own, shared] = deliveriesOf(publishedChange('trilateral'));
    expect(own).toMatchObject({ topic: 'mx.submissions.events.v1', data: { status: 'published', reviews: [expect.anything()] } });
    expect(shared).toMatchObject({
      topic: 'mx.shared.submissions.v1',
      dataclassification: 'confidential',
      data: { sharing: 'trilateral', publishedAt: '2026-11-29T09:03:00.000Z' },
    });
    for (const field of ['reviews', 'submittedBy', 'status', 'submittedAt', 'internalNotes']) expect(shared!.data).not.toHaveProperty(field);
  });

  it('classifies a public one as public, and never shares a national one', () => {
    expect(deliveriesOf(publishedChange('public'))[1]).toMatchObject({ dataclassification: 'public' });
    expect(deliveriesOf(publishedChange('national')).map((delivery) => delivery.topic)).toEqual(['mx.submissions.events.v1']);
  });

  it('withdraws with the removal only, followed by a tombstone on the shared topic', () => {
    const withdrawal = withdrawSubmission(publishedChange('trilateral').state, submitter, '2026-11-29T09:04:00.000Z');
    expect(withdrawal.type).toBe(EVENT_TYPES.submissionWithdrawn);
    const removal = { id: ID, country: 'mx', version: 5, reason: 'Sustituida.' };
    expect(deliveriesOf(withdrawal, 'Sustituida.')).toEqual([
      { topic: 'mx.submissions.events.v1', dataclassification: 'internal', data: expect.objectContaining(removal) as unknown },
      { topic: 'mx.shared.submissions.v1', dataclassification: 'confidential', data: expect.objectContaining(removal) as unknown, tombstone: true },
    ]);
  });
});
