import { EVENT_TYPES, type ExpertData, type RemovalData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FROM_OWN_TOPICS } from '../indicators/indicator-projection.options';
import { expertCounts } from './expert-counts';
import { NetworkIndicatorGenerations } from './network-indicator-generations.service';

/**
 * The node's own experts, from its private topic: shared with partners or not, under its
 * country until withdrawn. Its erasures of partners' copies are not read here: a node erases a
 * copy on the partner's withdrawal, which takes the profile out of the counts from the
 * partner's topic at the same version; reading both would give one profile two writers.
 */
@Controller()
export class OwnExpertIndicatorsProjection {
  constructor(private readonly generations: NetworkIndicatorGenerations) {}

  @EventPattern([EVENT_TYPES.expertRegistered, EVENT_TYPES.expertUpdated], FROM_OWN_TOPICS)
  async expert(@Payload() data: ExpertData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).recordExpert(event.source, data.id, data.version, expertCounts(event.source, data), event);
  }

  @EventPattern(EVENT_TYPES.expertWithdrawn, FROM_OWN_TOPICS)
  async expertWithdrawn(@Payload() { id, version }: RemovalData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).recordExpert(event.source, id, version, [], event);
  }
}
