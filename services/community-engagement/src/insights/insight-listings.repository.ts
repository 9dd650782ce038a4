import type { ActionArea, CountryCode, InsightData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { InsightListing } from './insight-listing.schema';

export interface InsightFilter {
  country?: CountryCode;
  actionArea?: ActionArea;
}

/** Where a page ends: the last listing's consultation and key. */
export interface InsightPosition {
  consultationId: string;
  id: string;
}

/** The latest version of each insight the node knows: its own and its partners'. */
@Injectable()
export class InsightListingsRepository {
  constructor(@InjectModel(InsightListing.name) private readonly listings: Model<InsightListing>) {}

  /** An insight as `origin` (the node itself, or the partner whose signature it bears) published it. */
  save(origin: CountryCode, insight: InsightData): Promise<VersionedWrite> {
    const view = { ...insight, country: origin };
    return upsertIfNewer(this.listings, {
      _id: listingId(origin, insight.consultationId),
      country: origin,
      version: insight.version,
      consultationId: insight.consultationId,
      actionAreas: insight.actionAreas,
      view,
    });
  }

  async find(country: CountryCode, consultationId: string): Promise<InsightData | undefined> {
    return (await this.listings.findById(listingId(country, consultationId)).lean<InsightListing>())?.view;
  }

  /** One page, the newest consultations first (their ids are UUIDv7), `limit + 1` read to tell whether more follow. */
  async list(filter: InsightFilter, limit: number, after?: InsightPosition): Promise<InsightListing[]> {
    const conditions: QueryFilter<InsightListing>[] = [];
    if (filter.country) conditions.push({ country: filter.country });
    if (filter.actionArea) conditions.push({ actionAreas: filter.actionArea });
    if (after) {
      conditions.push({ $or: [{ consultationId: { $lt: after.consultationId } }, { consultationId: after.consultationId, _id: { $lt: after.id } }] });
    }
    return this.listings
      .find(conditions.length > 0 ? { $and: conditions } : {})
      .sort({ consultationId: -1, _id: -1 })
      .limit(limit + 1)
      .lean<InsightListing[]>();
  }
}

/** `<country>:<consultationId>`: one insight per consultation, kept under the country that published it. */
export function listingId(country: CountryCode, consultationId: string): string {
  return `${country}:${consultationId}`;
}
