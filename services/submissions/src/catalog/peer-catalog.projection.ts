import { EVENT_TYPES, type RemovalData, type SharedSubmissionData } from '@naperj/contracts';
import { type CloudEvent, OnEvent, RejectEvent, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';

/**
 * Partners' published submissions into the local, read-only catalog; a withdrawal removes
 * the copy. The runtime has already checked each event's signature and origin.
 */
@Injectable()
export class PeerCatalogProjection {
  constructor(private readonly catalog: CatalogRepository) {}

  @OnEvent(EVENT_TYPES.submissionPublished, { from: 'shared' })
  async published({ data }: CloudEvent<SharedSubmissionData>): Promise<void> {
    rejectOlder(await this.catalog.savePeer(data), data);
  }

  @OnEvent(EVENT_TYPES.submissionWithdrawn, { from: 'shared' })
  async withdrawn({ data }: CloudEvent<RemovalData>): Promise<void> {
    rejectOlder(await this.catalog.removePeer(data), data);
  }
}

/** An older version than the catalog holds is never applied: it goes to the DLQ, with why. */
function rejectOlder(write: VersionedWrite, { id, version }: { id: string; version: number }): void {
  if (write === 'older') throw new RejectEvent(`version ${version} of submission ${id} is older than the one in the catalog`);
}
