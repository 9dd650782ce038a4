import type { ActionArea, CountryCode, ExpertData, RemovalData, SharedExpertData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ReviewerCandidate } from './reviewer-matcher';
import { ReviewerCandidateEntry } from './reviewer-candidate.schema';

/** A candidate as read, before its open reviews are counted. */
export type StoredCandidate = ReviewerCandidate & { key: string };

/** The key of a partner's expert: its origin and its id there. */
export function partnerCandidateKey(origin: CountryCode, id: string): string {
  return `${origin}:${id}`;
}

/** Experts who may review; every write is kept only if newer than the entry held. */
@Injectable()
export class ReviewerCandidatesRepository {
  constructor(@InjectModel(ReviewerCandidateEntry.name) private readonly entries: Model<ReviewerCandidateEntry>) {}

  saveOwn({ id, country, version, consent, actionAreas, languages, userId, agency }: ExpertData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, {
      _id: id,
      origin: 'own',
      expertId: id,
      country,
      version,
      reviews: consent.review,
      actionAreas,
      languages,
      userId,
      agency,
    });
  }

  removeOwn({ id, country, version }: RemovalData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, { _id: id, origin: 'own', expertId: id, country, version, reviews: false, removed: true });
  }

  /** A partner's shared profile, under `origin`: the country whose signature it bears. */
  savePartner(origin: CountryCode, { id, version, reviews, actionAreas, languages }: SharedExpertData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, {
      _id: partnerCandidateKey(origin, id),
      origin: 'partner',
      expertId: id,
      country: origin,
      version,
      reviews,
      actionAreas,
      languages,
    });
  }

  removePartner(origin: CountryCode, { id, version }: RemovalData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, {
      _id: partnerCandidateKey(origin, id),
      origin: 'partner',
      expertId: id,
      country: origin,
      version,
      reviews: false,
      removed: true,
    });
  }

  /** Experts who consented to review and work in one of `actionAreas`; the matcher decides the rest. */
  async consentedFor(actionAreas: readonly ActionArea[]): Promise<StoredCandidate[]> {
    const entries = await this.entries.find({ reviews: true, removed: { $ne: true }, actionAreas: { $in: [...actionAreas] } }).lean<ReviewerCandidateEntry[]>();
    return entries.map(candidateOf);
  }
}

function candidateOf({ _id, origin, expertId, country, actionAreas = [], languages = [], userId, agency }: ReviewerCandidateEntry): StoredCandidate {
  const profile = { key: _id, expertId, country, actionAreas, languages, reviews: true, openReviews: 0 };
  return origin === 'own' ? { ...profile, origin, userId: userId!, agency: agency! } : { ...profile, origin };
}
