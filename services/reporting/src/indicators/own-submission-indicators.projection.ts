import { EVENT_TYPES, type RemovalData, SUBMISSION_STATE_EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FROM_OWN_TOPICS } from './indicator-projection.options';
import { IndicatorGenerations } from './indicator-generations.service';
import { ownSubmissionCounts } from './submission-counts';

/**
 * The node's own submissions, from its private topic: counted by status, and by kind and SDG
 * target once published, under the node's country (`event.source`).
 */
/** Exact under redelivery without the ledger: IndicatorRepository.record guards the state by version and each counter by offset. */
const SUBMISSION_INDICATORS = { ...FROM_OWN_TOPICS, idempotent: true } as const;

@Controller()
export class OwnSubmissionIndicatorsProjection {
  constructor(private readonly generations: IndicatorGenerations) {}

  @EventPattern(SUBMISSION_STATE_EVENT_TYPES, SUBMISSION_INDICATORS)
  async changed(@Payload() data: SubmissionData, @Ctx() event: EventContext): Promise<void> {
    await this.generations
      .forEvent(event)
      .record(
        event.source,
        data.id,
        data.version,
        () => ({ actionAreas: data.actionAreas, counts: ownSubmissionCounts({ ...data, country: event.source }) }),
        event,
      );
  }

  /** A withdrawal names no action area: the submission stays counted, as withdrawn, where it was. */
  @EventPattern(EVENT_TYPES.submissionWithdrawn, SUBMISSION_INDICATORS)
  async withdrawn(@Payload() { id, version }: RemovalData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).record(
      event.source,
      id,
      version,
      (held) => {
        const actionAreas = held?.actionAreas ?? [];
        return { actionAreas, counts: ownSubmissionCounts({ country: event.source, actionAreas, status: 'withdrawn' }) };
      },
      event,
    );
  }
}
