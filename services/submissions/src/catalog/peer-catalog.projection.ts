import { EVENT_TYPES, type RemovalData, type SharedSubmissionData } from '@naperj/contracts';
import { EventPattern, RejectEvent, type VersionedWrite } from '@naperj/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CatalogRepository } from './catalog.repository';

const PEER_CATALOG = { group: 'peer-catalog', from: 'shared' } as const;

/**
 * Partners' published submissions into the local, read-only catalog; a withdrawal removes
 * the copy. The transport has already checked each event's signature and origin.
 */
@Controller()
export class PeerCatalogProjection {
  constructor(private readonly catalog: CatalogRepository) {}

  @EventPattern(EVENT_TYPES.submissionPublished, PEER_CATALOG)
  async published(@Payload() data: SharedSubmissionData): Promise<void> {
    rejectOlder(await this.catalog.savePeer(data), data);
  }

  @EventPattern(EVENT_TYPES.submissionWithdrawn, PEER_CATALOG)
  async withdrawn(@Payload() data: RemovalData): Promise<void> {
    rejectOlder(await this.catalog.removePeer(data), data);
  }
}

/** An older version than the catalog holds is never applied: it goes to the DLQ, with why. */
function rejectOlder(write: VersionedWrite, { id, version }: { id: string; version: number }): void {
  if (write === 'older') throw new RejectEvent(`version ${version} of submission ${id} is older than the one in the catalog`);
}
