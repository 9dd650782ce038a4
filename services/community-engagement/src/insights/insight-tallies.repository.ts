import type { ConsultationData, ContributionHiddenData, ContributionReceivedData, RemovalData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { InsightConsultationEntry } from './insight-consultation.schema';
import { InsightContribution, type InsightContributionState } from './insight-contribution.schema';
import { InsightPublication } from './insight-publication.schema';
import type { ConsentedArrivals } from './insight.publication';
import type { TallyProfile } from './insight.tally';
import type { InsightConsultation } from './insight.view';

/** What a consultation's insight is computed from, read at once. */
export interface ConsultationCounts {
  /** The counted contributions (consented, neither hidden nor erased), grouped by their themes and areas. */
  profiles: TallyProfile[];
  arrivals: ConsentedArrivals;
}

interface CountedGroup {
  _id: { shares?: boolean | null; state: InsightContributionState; themes?: string[] | null; actionAreas?: string[] | null };
  count: number;
}

/**
 * The node's consultations and contributions as the insights count them, and what each
 * published version was computed from. Every write is kept only if newer than what is held,
 * so redelivered events change nothing.
 */
@Injectable()
export class InsightTalliesRepository {
  constructor(
    @InjectModel(InsightConsultationEntry.name) private readonly consultations: Model<InsightConsultationEntry>,
    @InjectModel(InsightContribution.name) private readonly contributions: Model<InsightContribution>,
    @InjectModel(InsightPublication.name) private readonly publications: Model<InsightPublication>,
  ) {}

  saveConsultation({ id, version, status, title, originalLanguage, actionAreas, themes, closedAt }: ConsultationData): Promise<VersionedWrite> {
    return upsertIfNewer(this.consultations, {
      _id: id,
      version,
      status,
      title,
      originalLanguage,
      actionAreas,
      themes: themes.map(({ key, label }) => ({ key, label })),
      ...(closedAt ? { closedAt } : {}),
    });
  }

  async consultation(id: string): Promise<(InsightConsultation & { status: InsightConsultationEntry['status'] }) | undefined> {
    const entry = await this.consultations.findById(id).lean<InsightConsultationEntry>();
    if (!entry) return undefined;
    const { _id, version: _version, ...consultation } = entry;
    return { id: _id, ...consultation };
  }

  /** A received contribution: counted if it consented to anonymized sharing, else only remembered. */
  received({ id, version, consultationId, themes, actionAreas, consent }: ContributionReceivedData): Promise<VersionedWrite> {
    const shares = consent.shareAnonymized;
    return upsertIfNewer(this.contributions, {
      _id: id,
      version,
      state: 'received',
      consultationId,
      shares,
      ...(shares ? { themes: [...new Set(themes)].sort(), actionAreas: [...new Set(actionAreas)].sort() } : {}),
    });
  }

  /** Moderation hid the contribution: it no longer counts. Resolves to its consultation. */
  async hidden({ id, version, consultationId }: ContributionHiddenData): Promise<string | undefined> {
    return this.departed(id, version, 'hidden', consultationId);
  }

  /** The contribution was erased: only a marker of its version stays. Resolves to its consultation, when known. */
  async erased({ id, version }: RemovalData): Promise<string | undefined> {
    return this.departed(id, version, 'erased');
  }

  /** The counts of one consultation, by one aggregation (`$match`, `$group` with `$sum`: FerretDB has them). */
  async count(consultationId: string): Promise<ConsultationCounts> {
    const groups = await this.contributions
      .aggregate<CountedGroup>([
        { $match: { consultationId } },
        { $group: { _id: { shares: '$shares', state: '$state', themes: '$themes', actionAreas: '$actionAreas' }, count: { $sum: 1 } } },
      ])
      .exec();
    const arrivals = { arrived: 0, departed: 0 };
    const profiles: TallyProfile[] = [];
    for (const { _id: group, count } of groups) {
      if (group.shares !== true) continue;
      arrivals.arrived += count;
      if (group.state !== 'received') arrivals.departed += count;
      else profiles.push({ themes: group.themes ?? [], actionAreas: group.actionAreas ?? [], count });
    }
    return { profiles, arrivals };
  }

  /** What the latest version recorded here was computed from. */
  basis(consultationId: string): Promise<InsightPublication | null> {
    return this.publications.findById(consultationId).lean<InsightPublication>();
  }

  async recordBasis(consultationId: string, version: number, { arrived, departed }: ConsentedArrivals): Promise<void> {
    await upsertIfNewer(this.publications, { _id: consultationId, version, arrived, departed });
  }

  private async departed(id: string, version: number, state: InsightContributionState, consultationId?: string): Promise<string | undefined> {
    const held = await this.contributions.findById(id).lean<InsightContribution>();
    const consultation = consultationId ?? held?.consultationId;
    await upsertIfNewer(this.contributions, {
      _id: id,
      version,
      state,
      ...(consultation ? { consultationId: consultation } : {}),
      ...(held?.shares === undefined ? {} : { shares: held.shares }),
    });
    return consultation;
  }
}
