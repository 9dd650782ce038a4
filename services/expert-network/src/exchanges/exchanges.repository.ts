import { type ActionArea, COUNTRY_CODES, type CountryCode, type ExchangeData, type ExchangeStatus, type SharedExchangeData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import { type ServiceConfig, newestFirstAfter } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { ExchangeEntry } from './exchange-entry.schema';
import { encodeCursor, type PagePosition } from '@naperj/service-kit';

export interface ExchangeFilter {
  status?: ExchangeStatus;
  actionArea?: ActionArea;
  /** The asking country. */
  country?: CountryCode;
}

export interface ExchangePage {
  entries: ExchangeEntry[];
  next: string | null;
}

/** The node's exchanges read model: its own and its partners'; every write is kept only if newer than the entry held. */
@Injectable()
export class ExchangesRepository {
  private readonly country: CountryCode;

  constructor(
    @InjectModel(ExchangeEntry.name) private readonly entries: Model<ExchangeEntry>,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  saveOwn(exchange: ExchangeData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entryOf(exchange.id, 'own', exchange));
  }

  /** A partner's exchange, as `origin` (the country whose signature it bears) shared it. */
  savePartner(origin: CountryCode, exchange: SharedExchangeData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entryOf(partnerEntryId(origin, exchange.id), 'shared', { ...exchange, country: origin }));
  }

  /** A partner's exchange by its id; ids are the partners' own, so the first country holding it is served. */
  async findPartner(id: string): Promise<SharedExchangeData | undefined> {
    const partners = COUNTRY_CODES.filter((country) => country !== this.country);
    const entries = await this.entries.find({ _id: { $in: partners.map((country) => partnerEntryId(country, id)) } }).lean<ExchangeEntry[]>();
    return partners.map((country) => entries.find((entry) => entry.country === country)).find((entry) => entry !== undefined)?.view;
  }

  /** A partner's exchange named by its country and id. */
  async partnerExchange(country: CountryCode, id: string): Promise<SharedExchangeData | undefined> {
    return (await this.entries.findById(partnerEntryId(country, id)).lean<ExchangeEntry>())?.view;
  }

  /** One page, newest first. */
  async list({ status, actionArea, country }: ExchangeFilter, limit: number, after?: PagePosition): Promise<ExchangePage> {
    const conditions: QueryFilter<ExchangeEntry>[] = [];
    if (status) conditions.push({ status });
    if (actionArea) conditions.push({ actionAreas: actionArea });
    if (country) conditions.push({ country });
    if (after) conditions.push(newestFirstAfter('createdAt', after, String));
    const entries = await this.entries
      .find(conditions.length > 0 ? { $and: conditions } : {})
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<ExchangeEntry[]>();
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return { entries: page, next: entries.length > limit && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null };
  }
}

/** The key of a partner's entry: its country and its id, so no partner's id takes the place of an own one or another partner's. */
export function partnerEntryId(country: CountryCode, id: string): string {
  return `${country}:${id}`;
}

/** What answers are grouped by: the asking country and the exchange's id, own exchanges included. */
export function exchangeKey(country: CountryCode, id: string): string {
  return `${country}:${id}`;
}

function entryOf(_id: string, origin: ExchangeEntry['origin'], view: ExchangeData | SharedExchangeData): ExchangeEntry {
  return { _id, origin, country: view.country, version: view.version, status: view.status, actionAreas: view.actionAreas, createdAt: view.createdAt, view };
}
