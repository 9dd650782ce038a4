import { EVENT_TYPES, type SharedExpertData } from '@naperj/contracts';
import { type EventContext, EventPattern, RejectEvent } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DirectoryRepository } from './directory.repository';

/** Partners' shared experts topics; their withdrawals are erased in the same group (PartnerWithdrawalConsumer), in order. */
export const PARTNER_DIRECTORY = { group: 'partner-directory', from: 'shared' } as const;

/**
 * Partners' consented public profiles into the local, read-only directory. The transport has
 * already checked each event's signature and that its data names its origin; entries are kept
 * under that origin (`event.source`). A profile shared again after a withdrawal carries a
 * higher version, which the withdrawal's marker lets through.
 */
@Controller()
export class PartnerDirectoryProjection {
  constructor(private readonly directory: DirectoryRepository) {}

  @EventPattern(EVENT_TYPES.expertRegistered, PARTNER_DIRECTORY)
  async registered(@Payload() data: SharedExpertData, @Ctx() event: EventContext): Promise<void> {
    await this.save(data, event);
  }

  @EventPattern(EVENT_TYPES.expertUpdated, PARTNER_DIRECTORY)
  async updated(@Payload() data: SharedExpertData, @Ctx() event: EventContext): Promise<void> {
    await this.save(data, event);
  }

  private async save(data: SharedExpertData, event: EventContext): Promise<void> {
    // An older version than the directory holds is never applied: it goes to the DLQ, with why.
    if ((await this.directory.savePartner(event.source, data)) === 'older') {
      throw new RejectEvent(`version ${data.version} of expert ${data.id} is older than the one in the directory`);
    }
  }
}
