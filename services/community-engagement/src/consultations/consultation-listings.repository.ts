import type { ConsultationData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { type PagePosition, newestFirstAfter } from '@naperj/service-kit';
import { ConsultationListing } from './consultation-listing.schema';

/** The node's consultations as listed; each write is kept only if newer than the one held. */
@Injectable()
export class ConsultationListingsRepository {
  constructor(@InjectModel(ConsultationListing.name) private readonly listings: Model<ConsultationListing>) {}

  save(consultation: ConsultationData): Promise<VersionedWrite> {
    const { id, version, status, createdAt, opensAt, closesAt } = consultation;
    return upsertIfNewer(this.listings, { _id: id, version, status, createdAt, opensAt, ...(closesAt ? { closesAt } : {}), view: consultation });
  }

  /** `limit + 1` consultations after `after`, newest first. */
  async list(limit: number, after?: PagePosition): Promise<ConsultationData[]> {
    const filter: QueryFilter<ConsultationListing> = after ? newestFirstAfter('createdAt', after, String) : {};
    const listings = await this.listings
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<ConsultationListing[]>();
    return listings.map(({ view }) => view);
  }

  /** Ids of scheduled consultations whose `opensAt` has come, and of open ones whose `closesAt` has. */
  async due(now: string): Promise<{ toOpen: string[]; toClose: string[] }> {
    const [toOpen, toClose] = await Promise.all([
      this.listings.find({ status: 'scheduled', opensAt: { $lte: now } }, { _id: 1 }).lean<{ _id: string }[]>(),
      this.listings.find({ status: 'open', closesAt: { $lte: now } }, { _id: 1 }).lean<{ _id: string }[]>(),
    ]);
    return { toOpen: toOpen.map(({ _id }) => _id), toClose: toClose.map(({ _id }) => _id) };
  }
}
