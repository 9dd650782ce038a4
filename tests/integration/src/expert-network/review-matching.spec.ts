import {
  type AssignedReviewer,
  dataClassification,
  EVENT_DATA_EXAMPLES,
  EVENT_TYPES,
  type EventType,
  privateEventsTopic,
  type ReviewAssignmentData,
  type SharedExpertData,
  type SubmissionData,
} from '@naperj/contracts';
import { EventStore, loadOrCreateEventSigner } from '@naperj/messaging';
import { reviewAssignmentIdOf } from '@naperj/expert-network/review-matching/review-assignment-id';
import { eventually } from '@naperj/service-kit/testing';
import { v7 as uuidv7 } from 'uuid';
import { ExpertNetworkTestNode } from './expert-network-test-node';

/*
 * Node ca, its partner us. The node's private topics and consumer groups are the real ones
 * (`ca.expert-network.review-matching`), so no other expert-network test node of ca may run at
 * the same time; events of earlier runs or other tests signed by other keys are not trusted.
 */
const NODE = 'ca';
const PARTNER = 'us';
const SUBMITTING_AGENCY = 'PHAC';
const SUBMITTER = 'jane.tremblay@phac';
const ADMIN = { roles: ['admin'], agency: 'ESDC', sub: 'admin@esdc' };

describe('reviewer matching (node ca on the real Kafka and FerretDB)', () => {
  const node = new ExpertNetworkTestNode({ country: NODE, env: { FEDERATION_PEERS: PARTNER } });
  const run = uuidv7().slice(-8);
  let adminToken: string;
  /** Own experts, by id: those who may review these submissions, and those who may not. */
  const eligible = new Set<string>();
  const excluded = new Set<string>();
  let partnerExpert: string;
  const submissions: SubmissionData[] = [];

  beforeAll(async () => {
    // The partner's key first, so the node trusts it from its start.
    await loadOrCreateEventSigner(node.secretsDir, PARTNER);
    await node.start();
    adminToken = await node.token(ADMIN);

    for (const [n, agency] of ['CIHR', 'StatCan', 'ESDC', 'IRCC', 'WAGE'].entries())
      eligible.add(await register(`eligible-${n}`, { agency, languages: ['en', 'fr-CA'] }));
    for (const [name, fields] of [
      ['submitting-agency-1', { agency: SUBMITTING_AGENCY }],
      ['submitting-agency-2', { agency: SUBMITTING_AGENCY, languages: ['fr'] }],
      ['the-submitter', { agency: 'StatCan', userId: SUBMITTER }],
      ['no-review-consent', { agency: 'CIHR', review: false }],
      ['speaks-inuktitut-only', { agency: 'IRCC', languages: ['iu'] }],
      ['other-action-area', { agency: 'WAGE', actionAreas: ['ballot-access'] }],
    ] as const) {
      excluded.add(await register(name, fields));
    }
    partnerExpert = await sharePartnerExpert(true);
    const partnerWithoutConsent = await sharePartnerExpert(false);

    const keys = [...eligible, ...excluded, `${PARTNER}:${partnerExpert}`, `${PARTNER}:${partnerWithoutConsent}`];
    const candidates = node.connection.collection<{ _id: string }>('reviewer_candidates');
    await eventually('the reviewer candidates', async () => ((await candidates.countDocuments({ _id: { $in: keys } })) === keys.length ? true : undefined));
  }, 120_000);

  afterAll(() => node.close());

  async function register(
    name: string,
    {
      agency,
      userId,
      languages = ['en'],
      review = true,
      actionAreas = ['health-equity'],
    }: { agency: string; userId?: string; languages?: readonly string[]; review?: boolean; actionAreas?: readonly string[] },
  ): Promise<string> {
    const response = await node
      .http()
      .post('/api/v1/experts')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        name: `${name} ${run}`,
        bio: { en: 'Works on health equity.' },
        originalLanguage: 'en',
        actionAreas,
        languages,
        consent: { shareProfile: false, contactable: false, review, wordingVersion: '2026-09' },
        userId: userId ?? `${name}.${run}@${agency.toLowerCase()}`,
        agency,
      });
    expect(response.status).toBe(201);
    return (response.body as { id: string }).id;
  }

  async function sharePartnerExpert(reviews: boolean): Promise<string> {
    const data: SharedExpertData = {
      ...EVENT_DATA_EXAMPLES[EVENT_TYPES.expertRegistered].shared,
      id: uuidv7(),
      country: PARTNER,
      version: 1,
      actionAreas: ['health-equity'],
      languages: ['en-US'],
      reviews,
    };
    await node.producePartnerEvent(PARTNER, 'experts', 'expert-network', EVENT_TYPES.expertRegistered, data);
    return data.id;
  }

  /** The submissions service of this node recording a change of the submission. */
  function produceSubmission(type: EventType, data: SubmissionData): Promise<string> {
    return node.produce(privateEventsTopic(NODE, 'submissions'), NODE, 'submissions', type, data, dataClassification(type, 'private'));
  }

  function submitted(version = 2): SubmissionData {
    return {
      ...EVENT_DATA_EXAMPLES[EVENT_TYPES.submissionSubmitted].private,
      id: uuidv7(),
      country: NODE,
      version,
      agency: SUBMITTING_AGENCY,
      submittedBy: SUBMITTER,
      actionAreas: ['health-equity'],
      originalLanguage: 'en',
      title: { en: `Community health navigators ${run}`, fr: `Intervenants pivots en santé ${run}` },
      summary: { en: 'Navigators help families reach care.' },
      body: undefined,
      reviews: [],
    };
  }

  /** Until matching has applied `version` of the submission: its workload is written after its assignment. */
  function applied(submissionId: string, version: number): Promise<true> {
    const workloads = node.connection.collection<{ _id: string; submissionVersion: number }>('review_workloads');
    return eventually(`version ${version} of ${submissionId} applied`, async () =>
      (await workloads.findOne({ _id: submissionId }))?.submissionVersion === version ? true : undefined,
    );
  }

  async function assignments(submissionId: string): Promise<ReviewAssignmentData[]> {
    const events = await node.app.get(EventStore).eventsOf(reviewAssignmentIdOf(submissionId));
    return events.map((event) => event.deliveries[0]!.data as ReviewAssignmentData);
  }

  it('over 20 submissions of an agency never picks that agency nor the submitter, spreads load, and seats a consenting partner', async () => {
    for (let n = 0; n < 20; n++) {
      const submission = submitted();
      submissions.push(submission);
      // One at a time: each match sees the open reviews of the ones before it.
      await produceSubmission(EVENT_TYPES.submissionSubmitted, submission);
      await applied(submission.id, submission.version);
    }
    const picks: AssignedReviewer[][] = [];
    for (const submission of submissions) {
      const [assignment, ...more] = await assignments(submission.id);
      expect(more).toEqual([]);
      expect(assignment).toMatchObject({ country: NODE, version: 1, submissionId: submission.id, submissionVersion: submission.version });
      picks.push(assignment!.reviewers);
    }

    const own = picks.flat().filter(({ country }) => country === NODE);
    for (const reviewer of own) {
      expect(excluded.has(reviewer.expertId)).toBe(false);
      expect(eligible.has(reviewer.expertId)).toBe(true);
      expect(reviewer.userId).toEqual(expect.any(String));
      expect(reviewer.userId).not.toBe(SUBMITTER);
    }
    for (const reviewers of picks) {
      expect(reviewers).toHaveLength(3);
      // The one partner expert who consented, advisory: no account of this node.
      const partners = reviewers.filter(({ country }) => country === PARTNER);
      expect(partners).toHaveLength(1);
      expect(partners[0]).toMatchObject({ expertId: partnerExpert, reason: { actionAreas: ['health-equity'], languages: ['en'] } });
      expect(partners[0]).not.toHaveProperty('userId');
    }
    const load = new Map([...eligible].map((id) => [id, own.filter(({ expertId }) => expertId === id).length]));
    expect([...load.values()].reduce((sum, open) => sum + open, 0)).toBe(40);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  }, 300_000);

  it('publishes each assignment, as recorded, on the node’s private topic', async () => {
    await node.published();
    const ids = new Set(submissions.map(({ id }) => reviewAssignmentIdOf(id)));
    const records = (await node.read(privateEventsTopic(NODE, 'expert-network'))).filter(({ key }) => ids.has(key));
    const published = records.map(({ decoded }) => decoded?.event.data as ReviewAssignmentData);
    expect(new Set(published.map(({ id }) => id))).toEqual(ids);
    expect(records.every(({ decoded }) => decoded?.event.type === EVENT_TYPES.reviewAssigned && decoded.event.dataclassification === 'restricted')).toBe(true);
    for (const data of published) expect(data).toEqual((await assignments(data.submissionId))[0]);
  }, 60_000);

  it('records no second assignment when the same submitted version is delivered again', async () => {
    const [first] = submissions;
    const before = await node.recordedEventCount();
    const ceId = await produceSubmission(EVENT_TYPES.submissionSubmitted, first!);
    const ledger = node.connection.collection<{ _id: string }>('consumed_events');
    await eventually('the redelivery applied', async () =>
      (await ledger.findOne({ _id: `${NODE}.expert-network.review-matching:${NODE}:${ceId}` })) ? true : undefined,
    );
    expect(await assignments(first!.id)).toHaveLength(1);
    expect(await node.recordedEventCount()).toBe(before);
  }, 60_000);

  it('matches a resubmission again, as the assignment’s next version, with the reviews of the first round closed', async () => {
    const [first] = submissions;
    const [initial] = await assignments(first!.id);
    await produceSubmission(EVENT_TYPES.submissionChangesRequested, { ...first!, version: 3, status: 'changes-requested' });
    await applied(first!.id, 3);
    const resubmitted = { ...first!, version: 4 };
    await produceSubmission(EVENT_TYPES.submissionSubmitted, resubmitted);
    await applied(first!.id, 4);

    const rounds = await assignments(first!.id);
    expect(rounds.map(({ version, submissionVersion }) => [version, submissionVersion])).toEqual([
      [1, 2],
      [2, 4],
    ]);
    // Every eligible expert had 8 open reviews; closing the first round left its own reviewers
    // the least loaded, so the same inputs pick them again, beside the partner's seat.
    const ownBefore = initial!.reviewers.filter(({ country }) => country === NODE);
    expect(rounds[1]!.reviewers).toEqual([
      ...ownBefore.map((reviewer) => ({ ...reviewer, reason: { ...reviewer.reason, openReviews: 7 } })),
      { expertId: partnerExpert, country: PARTNER, reason: { rule: 'partner-country', actionAreas: ['health-equity'], languages: ['en'], openReviews: 19 } },
    ]);
  }, 60_000);
});
