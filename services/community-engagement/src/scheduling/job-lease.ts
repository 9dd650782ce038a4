import { isDuplicateKey } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';

const COLLECTION = 'community_engagement_job_leases';
/** Leases of ended slots kept for looking back at who ran a job. */
const KEPT_SLOTS = 50;

interface LeaseDocument {
  _id: string;
  job: string;
  slot: number;
  owner: string;
  acquiredAt: Date;
}

/**
 * One run of a periodic job per time slot, whichever replicas tick: the runner of a slot is
 * the one whose insert of `<job>:<slot>` succeeded, the one write MongoDB and FerretDB both
 * decide atomically (docs/architecture.md, Database rules).
 */
@Injectable()
export class JobLease {
  readonly owner = randomUUID();
  private readonly leases: Collection<LeaseDocument>;

  constructor(@InjectConnection() connection: Connection) {
    this.leases = connection.collection<LeaseDocument>(COLLECTION);
  }

  async claim(job: string, slot: number): Promise<boolean> {
    try {
      await this.leases.insertOne({ _id: `${job}:${slot}`, job, slot, owner: this.owner, acquiredAt: new Date() });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.leases.deleteMany({ job, slot: { $lt: slot - KEPT_SLOTS } });
    return true;
  }
}
