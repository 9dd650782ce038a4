import { type CountryCode, EVENT_TYPES, type RemovalData } from '@naperj/contracts';
import { type EventContext, EventPattern } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Controller } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Ctx, Payload } from '@nestjs/microservices';
import { ExpertEventsRepository } from '../experts/expert-events.repository';
import { ErasureReceiptsRepository } from './erasure-receipts.repository';

/**
 * Partners' erasure receipts for this node's experts: when each partner erased its copy (its
 * signed `ce_time`) and when the receipt arrived. Receipts about other nodes' experts, which
 * every partner's shared topic also carries, are none of this node's business.
 */
@Controller()
export class ErasureReceiptConsumer {
  private readonly country: CountryCode;

  constructor(
    private readonly receipts: ErasureReceiptsRepository,
    private readonly history: ExpertEventsRepository,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  @EventPattern(EVENT_TYPES.expertErased, { group: 'erasure-receipts', from: 'shared' })
  async erased(@Payload() data: RemovalData, @Ctx() event: EventContext): Promise<void> {
    if (data.country !== this.country || !(await this.history.current(data.id))) return;
    await this.receipts.record(data.id, data.version, event.source, event.time, new Date());
  }
}
