import { EVENT_TYPES, type RemovalData, type SharedSubmissionData } from '@naperj/contracts';
import { type EventContext, EventPattern, RejectEvent, type VersionedWrite } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CatalogRepository } from './catalog.repository';

const PEER_CATALOG = { group: 'peer-catalog', from: 'shared' } as const;

/**
 * Partners' published submissions into the local, read-only catalog; a withdrawal removes
 * the copy. The transport has already checked each event's signature and that its data names
 * its origin; entries are kept under that origin (`event.source`).
 */
@Controller()
export class PeerCatalogProjection {
  constructor(private readonly catalog: CatalogRepository) {}

  @EventPattern(EVENT_TYPES.submissionPublished, PEER_CATALOG)
  async published(@Payload() data: SharedSubmissionData, @Ctx() event: EventContext): Promise<void> {
    rejectOlder(await this.catalog.savePeer(event.source, data), data);
  }

  @EventPattern(EVENT_TYPES.submissionWithdrawn, PEER_CATALOG)
  async withdrawn(@Payload() data: RemovalData, @Ctx() event: EventContext): Promise<void> {
    rejectOlder(await this.catalog.removePeer(event.source, data), data);
  }
}

/** An older version than the catalog holds is never applied: it goes to the DLQ, with why. */
function rejectOlder(write: VersionedWrite, { id, version }: { id: string; version: number }): void {
  if (write === 'older') throw new RejectEvent(`version ${version} of submission ${id} is older than the one in the catalog`);
}
