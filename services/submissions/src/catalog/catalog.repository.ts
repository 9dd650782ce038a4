import type { ActionArea, CountryCode, RemovalData, SharedSubmissionData, SubmissionData, SubmissionKind, SubmissionStatus } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { type CatalogPosition, encodeCursor } from './catalog-cursor';
import { CatalogEntry } from './catalog-entry.schema';
import { searchTokensOf, searchTokensOfTexts } from './search-tokens';

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

  async find(id: string): Promise<CatalogEntry | undefined> {
    return (await this.entries.findById(id).lean<CatalogEntry>()) ?? undefined;
  }

  /** This node's submission in its latest known state. */
  async findOwn(id: string): Promise<SubmissionData | undefined> {
    const entry = await this.find(id);
    return entry?.origin === 'own' ? (entry.view as SubmissionData) : undefined;
  }

  saveOwn(submission: SubmissionData): Promise<VersionedWrite> {
    return this.write(entryOf('own', submission, submission.status));
  }

  savePeer(submission: SharedSubmissionData): Promise<VersionedWrite> {
    return this.write(entryOf('peer', submission, 'published'));
  }

  /** A partner's withdrawal: its content goes, a marker holds the version. */
  removePeer({ id, country, version }: RemovalData): Promise<VersionedWrite> {
    return this.write({ _id: id, origin: 'peer', country, version, status: 'withdrawn', removed: true });
  }

  /** An own submission withdrawn: it stays listed to its agency, marked withdrawn. */
  async withdrawOwn({ id, version }: RemovalData): Promise<VersionedWrite> {
    const current = await this.findOwn(id);
    if (!current) return 'older';
    return this.write(entryOf('own', { ...current, version, status: 'withdrawn' }, 'withdrawn'));
  }

  /** One page, newest first; peers' entries are published ones, never removed ones. */
  async list(filter: CatalogFilter, viewer: CatalogViewer, limit: number, after?: CatalogPosition): Promise<CatalogPage> {
    const conditions: QueryFilter<CatalogEntry>[] = [{ removed: { $ne: true } }, visibleTo(viewer), ...filterConditions(filter)];
    if (after) {
      conditions.push({ $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] });
    }
    const entries = await this.entries
      .find({ $and: conditions })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CatalogEntry[]>();
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return { entries: page, next: entries.length > limit && last ? encodeCursor({ createdAt: last.createdAt ?? '', id: last._id }) : null };
  }

  private write(entry: CatalogEntry): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entry);
  }
}

function entryOf(origin: 'own' | 'peer', view: SubmissionData | SharedSubmissionData, status: SubmissionStatus): CatalogEntry {
  return {
    _id: view.id,
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
