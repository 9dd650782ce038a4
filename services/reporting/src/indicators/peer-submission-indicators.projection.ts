import { EVENT_TYPES, type RemovalData, type SharedSubmissionData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FROM_PEER_TOPICS } from './indicator-projection.options';
import { IndicatorGenerations } from './indicator-generations.service';
import { peerSubmissionCounts } from './submission-counts';

/**
 * Partners' published submissions, from their shared topics, counted by kind and SDG target;
 * a withdrawal takes them out. They are known and counted by the country whose signature the
 * transport verified (`event.source`) and their id, so a partner's event never reaches
 * another country's submission.
 */
/** Exact under redelivery without the ledger: IndicatorRepository.record guards the state by version and each counter by offset. */
const SUBMISSION_INDICATORS = { ...FROM_PEER_TOPICS, idempotent: true } as const;

@Controller()
export class PeerSubmissionIndicatorsProjection {
  constructor(private readonly generations: IndicatorGenerations) {}

  @EventPattern(EVENT_TYPES.submissionPublished, SUBMISSION_INDICATORS)
  async published(@Payload() data: SharedSubmissionData, @Ctx() event: EventContext): Promise<void> {
    await this.generations
      .forEvent(event)
      .record(event.source, data.id, data.version, () => ({ actionAreas: data.actionAreas, counts: peerSubmissionCounts(event.source, data) }), event);
  }

  @EventPattern(EVENT_TYPES.submissionWithdrawn, SUBMISSION_INDICATORS)
  async withdrawn(@Payload() { id, version }: RemovalData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).record(event.source, id, version, (held) => ({ actionAreas: held?.actionAreas ?? [], counts: [] }), event);
  }
}
