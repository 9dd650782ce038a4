import {
  type ActionArea,
  COUNTRY_CODES,
  type CountryCode,
  EVENT_TYPES,
  type ExpertData,
  pickSharedFields,
  type RemovalData,
  type SharedExpertData,
} from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { type ServiceConfig, newestFirstAfter, searchTokensOf } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { DirectoryEntry } from './directory-entry.schema';
import { encodeCursor, type PagePosition } from '@naperj/service-kit';

export interface DirectoryFilter {
  country?: CountryCode;
  actionArea?: ActionArea;
  /** A canonical BCP 47 tag: a primary subtag alone also finds its regional tags. */
  language?: string;
  q?: string;
}

export interface DirectoryPage {
  entries: DirectoryEntry[];
  next: string | null;
}

/** Names an expert of any node: this node's own, or a partner's. */
export interface ExpertRef {
  country: CountryCode;
  id: string;
}

/** The node's directory of experts; every write is kept only if newer than the entry held. */
@Injectable()
export class DirectoryRepository {
  private readonly country: CountryCode;

  constructor(
    @InjectModel(DirectoryEntry.name) private readonly entries: Model<DirectoryEntry>,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  /**
   * The public profiles of the experts named, own or partners', keyed `<country>:<id>`: what
   * any caller of the node may see of them. Withdrawn and unknown experts are absent.
   */
  async publicProfiles(refs: readonly ExpertRef[]): Promise<Map<string, SharedExpertData>> {
    const ids = [...new Set(refs.map((ref) => this.entryId(ref)))];
    const profiles = new Map<string, SharedExpertData>();
    if (ids.length === 0) return profiles;
    const entries = await this.entries.find({ _id: { $in: ids }, removed: { $ne: true } }).lean<DirectoryEntry[]>();
    for (const entry of entries) profiles.set(refKey({ country: entry.country, id: entry.expertId }), publicProfileOf(entry));
    return profiles;
  }

  /** A partner's listed expert by its id; ids are the partners' own, so the first country holding it is served. */
  async findPartner(id: string): Promise<SharedExpertData | undefined> {
    const peers = COUNTRY_CODES.filter((country) => country !== this.country);
    const entries = await this.entries
      .find({ _id: { $in: peers.map((country) => partnerEntryId(country, id)) }, removed: { $ne: true } })
      .lean<DirectoryEntry[]>();
    const entry = peers.map((country) => entries.find((held) => held.country === country)).find((held) => held !== undefined);
    return entry?.view;
  }

  saveOwn(expert: ExpertData): Promise<VersionedWrite> {
    return this.write(entryOf(expert.id, 'own', expert));
  }

  /** An own expert withdrawn: listed no more; a marker holds the version. */
  removeOwn({ id, country, version }: RemovalData): Promise<VersionedWrite> {
    return this.write({ _id: id, origin: 'own', country, expertId: id, version, removed: true });
  }

  /** A partner's consented profile, as `origin` (the country whose signature it bears) shared it. */
  savePartner(origin: CountryCode, expert: SharedExpertData): Promise<VersionedWrite> {
    return this.write(entryOf(partnerEntryId(origin, expert.id), 'shared', { ...expert, country: origin }));
  }

  /** A partner's withdrawal: the copy is erased, a marker without content holds the version. */
  removePartner(origin: CountryCode, { id, version }: RemovalData): Promise<VersionedWrite> {
    return this.write({ _id: partnerEntryId(origin, id), origin: 'shared', country: origin, expertId: id, version, removed: true });
  }

  /** One page of the experts listed, newest first. */
  async list(filter: DirectoryFilter, limit: number, after?: PagePosition): Promise<DirectoryPage> {
    const conditions: QueryFilter<DirectoryEntry>[] = [{ removed: { $ne: true } }, ...filterConditions(filter)];
    if (after) {
      conditions.push(newestFirstAfter('createdAt', after, String));
    }
    const entries = await this.entries
      .find({ $and: conditions })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<DirectoryEntry[]>();
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return { entries: page, next: entries.length > limit && last ? encodeCursor({ at: last.createdAt ?? '', id: last._id }) : null };
  }

  private entryId({ country, id }: ExpertRef): string {
    return country === this.country ? id : partnerEntryId(country, id);
  }

  private write(entry: DirectoryEntry): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entry);
  }
}

/** The key of `publicProfiles`' map. */
export function refKey({ country, id }: ExpertRef): string {
  return `${country}:${id}`;
}

/**
 * The key of a partner's entry: its country and its id, so that no partner's id can take the
 * place of an own expert (keyed by its id alone) or of another partner's.
 */
export function partnerEntryId(country: CountryCode, id: string): string {
  return `${country}:${id}`;
}

/** What a partner's node would see of the entry's expert: the shared payload's fields only. */
export function publicProfileOf(entry: DirectoryEntry): SharedExpertData {
  return (entry.origin === 'own' ? pickSharedFields(EVENT_TYPES.expertUpdated, entry.view as ExpertData) : entry.view) as SharedExpertData;
}

/** The language keys a tag is found by: itself and its primary subtag, in lower case. */
export function languageKeysOf(tags: readonly string[]): string[] {
  return [...new Set(tags.flatMap((tag) => [tag.toLowerCase(), tag.split('-')[0]!.toLowerCase()]))];
}

function entryOf(_id: string, origin: DirectoryEntry['origin'], view: ExpertData | SharedExpertData): DirectoryEntry {
  return {
    _id,
    origin,
    country: view.country,
    expertId: view.id,
    version: view.version,
    actionAreas: view.actionAreas,
    languageKeys: languageKeysOf(view.languages),
    createdAt: view.createdAt,
    searchTokens: searchTokensOf(view.name, view.affiliation, view.bio.en, view.bio.es, view.bio.fr, ...(view.populations ?? [])),
    view,
  };
}

function filterConditions({ country, actionArea, language, q }: DirectoryFilter): QueryFilter<DirectoryEntry>[] {
  const conditions: QueryFilter<DirectoryEntry>[] = [];
  if (country) conditions.push({ country });
  if (actionArea) conditions.push({ actionAreas: actionArea });
  if (language) conditions.push({ languageKeys: language.toLowerCase() });
  // Every word of the query must start a word of the name, affiliation, bio or populations.
  for (const word of searchTokensOf(q)) conditions.push({ searchTokens: { $regex: `^${escapeRegExp(word)}` } });
  return conditions;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
