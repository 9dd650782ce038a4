import { EVENT_TYPES, type InsightData } from '@naperj/contracts';
import { type EventContext, EventPattern, RejectEvent } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { InsightListingsRepository } from './insight-listings.repository';

const GROUP = 'insight-listings';

/**
 * Published insights into the listing: the node's own from its private topic, the partners'
 * from their shared topics. The transport has checked a partner's signature and that its data
 * names its origin; the listing keeps it under that origin (`event.source`).
 */
@Controller()
export class InsightListingsProjection {
  constructor(private readonly listings: InsightListingsRepository) {}

  @EventPattern(EVENT_TYPES.insightPublished, { group: GROUP, from: 'own' })
  async own(@Payload() data: InsightData, @Ctx() event: EventContext): Promise<void> {
    await this.listings.save(event.source, data);
  }

  @EventPattern(EVENT_TYPES.insightPublished, { group: GROUP, from: 'shared' })
  async partner(@Payload() data: InsightData, @Ctx() event: EventContext): Promise<void> {
    if ((await this.listings.save(event.source, data)) === 'older') {
      throw new RejectEvent(`version ${data.version} of ${event.source}'s insight ${data.id} is older than the one listed`);
    }
  }
}
