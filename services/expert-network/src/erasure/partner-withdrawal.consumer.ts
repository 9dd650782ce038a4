import { type CountryCode, EVENT_TYPES, type RemovalData } from '@naperj/contracts';
import { type EventContext, EventPattern, EventStore, RejectEvent, VersionConflictError } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Controller, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Ctx, Payload } from '@nestjs/microservices';
import { DirectoryRepository } from '../directory/directory.repository';
import { PARTNER_DIRECTORY } from '../directory/partner-directory.projection';
import { erasureReceiptOf } from './erasure.bookkeeping';

/**
 * A partner withdrew a profile (a withdrawal, or consent to share turned off): the copy is
 * erased, leaving a marker of the version, and this node records its erasure receipt, once
 * per withdrawal. Same consumer group as the directory's copies, so both apply in order.
 */
@Controller()
export class PartnerWithdrawalConsumer {
  private readonly logger = new Logger(PartnerWithdrawalConsumer.name);
  private readonly country: CountryCode;

  constructor(
    private readonly directory: DirectoryRepository,
    private readonly events: EventStore,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  @EventPattern(EVENT_TYPES.expertWithdrawn, PARTNER_DIRECTORY)
  async withdrawn(@Payload() data: RemovalData, @Ctx() event: EventContext): Promise<void> {
    const removal = { ...data, country: event.source };
    if ((await this.directory.removePartner(event.source, removal)) === 'older') {
      throw new RejectEvent(`version ${data.version} of expert ${data.id} is older than the one in the directory`);
    }
    // Receipts share the event store with own entities: an id already naming one of them is never taken.
    const held = await this.events.latest(data.id);
    if (held[0] && held[0].type !== EVENT_TYPES.expertErased) {
      this.logger.warn(`The withdrawal of ${event.source} expert ${data.id} names an entity of this node: erased, no receipt`);
      return;
    }
    try {
      await this.events.append(erasureReceiptOf(this.country, removal));
    } catch (error) {
      // The receipt of this withdrawal is recorded already: a redelivery.
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
}
