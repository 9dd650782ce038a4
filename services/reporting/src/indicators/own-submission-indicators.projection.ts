import { EVENT_TYPES, type RemovalData, SUBMISSION_STATE_EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import { type CloudEvent, type EventContext, OnEvent } from '@naperj/messaging';
import type { IndicatorStore } from './indicator.store';
import { ownSubmissionCounts } from './submission-counts';

/** The node's own submissions, from its private topic: counted by status, and by kind and SDG target once published. */
export class OwnSubmissionIndicatorsProjection {
  constructor(private readonly store: IndicatorStore) {}

  @OnEvent(SUBMISSION_STATE_EVENT_TYPES, { from: 'private' })
  async changed({ data }: CloudEvent<SubmissionData>, { topic, partition, offset }: EventContext): Promise<void> {
    await this.store.record(data.id, data.version, () => ({ actionAreas: data.actionAreas, counts: ownSubmissionCounts(data) }), { topic, partition, offset });
  }

  /** A withdrawal names no action area: the submission stays counted, as withdrawn, where it was. */
  @OnEvent(EVENT_TYPES.submissionWithdrawn, { from: 'private' })
  async withdrawn({ data: { id, country, version } }: CloudEvent<RemovalData>, { topic, partition, offset }: EventContext): Promise<void> {
    await this.store.record(
      id,
      version,
      (held) => {
        const actionAreas = held?.actionAreas ?? [];
        return { actionAreas, counts: ownSubmissionCounts({ country, actionAreas, status: 'withdrawn' }) };
      },
      { topic, partition, offset },
    );
  }
}
