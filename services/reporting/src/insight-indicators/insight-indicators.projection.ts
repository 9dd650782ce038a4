import { EVENT_TYPES, type InsightData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { FROM_PEER_TOPICS } from '../indicators/indicator-projection.options';
import { insightCounts } from './insight-counts';
import { InsightIndicatorGenerations } from './insight-indicator-generations.service';

/**
 * Community insights, from every country's shared topic, the node's own included: every
 * insight is shared, the same on both topics, and a compacted shared topic keeps each one's
 * latest version for a rebuild, where the private topic keeps 30 days. Each is counted under
 * the country whose signature the transport verified (`event.source`), at its latest version.
 */
@Controller()
export class InsightIndicatorsProjection {
  constructor(private readonly generations: InsightIndicatorGenerations) {}

  @EventPattern(EVENT_TYPES.insightPublished, { ...FROM_PEER_TOPICS, origins: 'all' })
  async published(@Payload() data: InsightData, @Ctx() event: EventContext): Promise<void> {
    await this.generations.forEvent(event).record(event.source, data.id, data.version, insightCounts(event.source, data), event);
  }
}
