import {
  type ActionArea,
  COUNTRY_CODES,
  type CountryCode,
  type RemovalData,
  type SharedSubmissionData,
  type SubmissionData,
  type SubmissionKind,
  type SubmissionStatus,
} from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { CatalogEntry } from './catalog-entry.schema';
import { encodeCursor, type PagePosition, newestFirstAfter, searchTokensOf, searchTokensOfTexts } from '@naperj/service-kit';

export interface CatalogFilter {
  country?: CountryCode;
  actionArea?: ActionArea;
  status?: SubmissionStatus;
  kind?: SubmissionKind;
  sdgTarget?: string;
  q?: string;
}

/** Who lists: own submissions that are not published show only to those who may inspect them. */
export interface CatalogViewer {
  /** Sees every own submission (reviewers, admins). */
  seesAll: boolean;
  agency: string;
  /** Own submissions the viewer was assigned to review. */
  assignedIds: readonly string[];
}

export interface CatalogPage {
  entries: CatalogEntry[];
  next: string | null;
}

/** The node's catalog of submissions; every write is kept only if newer than the entry held. */
@Injectable()
export class CatalogRepository {
  constructor(@InjectModel(CatalogEntry.name) private readonly entries: Model<CatalogEntry>) {}

  /**
   * A partner's listed submission by its id. Ids are the partners' own, so two of them could
   * name the same id: each is kept under its country, and the first country's is served.
   */
  async findPeer(id: string): Promise<CatalogEntry | undefined> {
    const entries = await Promise.all(COUNTRY_CODES.map((country) => this.entries.findById(peerEntryId(country, id)).lean<CatalogEntry>()));
    return entries.find((entry) => entry?.origin === 'peer' && !entry.removed) ?? undefined;
  }

  /** This node's submission in its latest known state. */
  async findOwn(id: string): Promise<SubmissionData | undefined> {
    const entry = await this.entries.findById(id).lean<CatalogEntry>();
    return entry?.origin === 'own' && !entry.removed ? (entry.view as SubmissionData) : undefined;
  }

  saveOwn(submission: SubmissionData): Promise<VersionedWrite> {
    return this.write(entryOf(submission.id, 'own', submission, submission.status));
  }

  /** A partner's published submission, as `origin` (the country whose signature it bears) shared it. */
  savePeer(origin: CountryCode, submission: SharedSubmissionData): Promise<VersionedWrite> {
    return this.write(entryOf(peerEntryId(origin, submission.id), 'peer', { ...submission, country: origin }, 'published'));
  }

  /** A partner's withdrawal: its content goes, a marker holds the version. */
  removePeer(origin: CountryCode, { id, version }: RemovalData): Promise<VersionedWrite> {
    return this.write({ _id: peerEntryId(origin, id), origin: 'peer', country: origin, version, status: 'withdrawn', removed: true });
  }

  /**
   * An own submission withdrawn: it stays listed to its agency, marked withdrawn. Withdrawn
   * before the catalog held it, a marker holds the version, so an older copy cannot list it.
   */
  async withdrawOwn({ id, country, version }: RemovalData): Promise<VersionedWrite> {
    const current = await this.findOwn(id);
    if (!current) return this.write({ _id: id, origin: 'own', country, version, status: 'withdrawn', removed: true });
    return this.write(entryOf(id, 'own', { ...current, version, status: 'withdrawn' }, 'withdrawn'));
  }

  /** One page, newest first; peers' entries are published ones, never removed ones. */
  async list(filter: CatalogFilter, viewer: CatalogViewer, limit: number, after?: PagePosition): Promise<CatalogPage> {
    const conditions: QueryFilter<CatalogEntry>[] = [{ removed: { $ne: true } }, visibleTo(viewer), ...filterConditions(filter)];
    if (after) {
      conditions.push(newestFirstAfter('createdAt', after, String));
    }
    const entries = await this.entries
      .find({ $and: conditions })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CatalogEntry[]>();
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return { entries: page, next: entries.length > limit && last ? encodeCursor({ at: last.createdAt ?? '', id: last._id }) : null };
  }

  private write(entry: CatalogEntry): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entry);
  }
}

/**
 * The key of a partner's entry: its country and its id, so that no partner's id can take the
 * place of an own submission (keyed by its id alone) or of another partner's.
 */
export function peerEntryId(country: CountryCode, id: string): string {
  return `${country}:${id}`;
}

function entryOf(_id: string, origin: 'own' | 'peer', view: SubmissionData | SharedSubmissionData, status: SubmissionStatus): CatalogEntry {
  return {
    _id,
    origin,
    country: view.country,
    version: view.version,
    status,
    agency: view.agency,
    kind: view.kind,
    actionAreas: view.actionAreas,
    sdgTargets: view.sdgTargets ?? [],
    createdAt: view.createdAt,
    searchTokens: searchTokensOfTexts(view.title, view.summary),
    view,
  };
}

function visibleTo({ seesAll, agency, assignedIds }: CatalogViewer): QueryFilter<CatalogEntry> {
  if (seesAll) return {};
  return { $or: [{ status: 'published' }, { origin: 'own', agency }, { origin: 'own', _id: { $in: [...assignedIds] } }] };
}

function filterConditions({ country, actionArea, status, kind, sdgTarget, q }: CatalogFilter): QueryFilter<CatalogEntry>[] {
  const conditions: QueryFilter<CatalogEntry>[] = [];
  if (country) conditions.push({ country });
  if (actionArea) conditions.push({ actionAreas: actionArea });
  if (status) conditions.push({ status });
  if (kind) conditions.push({ kind });
  if (sdgTarget) conditions.push({ sdgTargets: sdgTarget });
  // Every word of the query must start a word of the title or summary, in any language.
  for (const word of searchTokensOf(q ?? '')) conditions.push({ searchTokens: { $regex: `^${escapeRegExp(word)}` } });
  return conditions;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
