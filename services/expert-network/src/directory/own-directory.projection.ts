import { EVENT_TYPES, type ExpertData, type RemovalData } from '@naperj/contracts';
import { EventPattern } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DirectoryRepository } from './directory.repository';

const OWN_DIRECTORY = { group: 'own-directory', from: 'own' } as const;

/**
 * The node's own experts into the directory, from its private topic: the one path that
 * writes an own expert's entry. `GET` of an own expert and every command read the event
 * store, so they never lag behind it.
 */
@Controller()
export class OwnDirectoryProjection {
  constructor(private readonly directory: DirectoryRepository) {}

  @EventPattern(EVENT_TYPES.expertRegistered, OWN_DIRECTORY)
  async registered(@Payload() data: ExpertData): Promise<void> {
    await this.directory.saveOwn(data);
  }

  @EventPattern(EVENT_TYPES.expertUpdated, OWN_DIRECTORY)
  async updated(@Payload() data: ExpertData): Promise<void> {
    await this.directory.saveOwn(data);
  }

  @EventPattern(EVENT_TYPES.expertWithdrawn, OWN_DIRECTORY)
  async withdrawn(@Payload() data: RemovalData): Promise<void> {
    await this.directory.removeOwn(data);
  }
}
