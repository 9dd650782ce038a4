import { COUNTRY_CODES, type CountryCode, type ExchangeResponseData, type SharedExchangeResponseData } from '@naperj/contracts';
import { upsertIfNewer, type VersionedWrite } from '@naperj/messaging';
import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ExchangeResponseEntry } from './exchange-response-entry.schema';
import { exchangeKey, partnerEntryId } from './exchanges.repository';

/** The answers this node knows, grouped by the exchange they answer. */
@Injectable()
export class ExchangeResponsesRepository {
  private readonly country: CountryCode;

  constructor(
    @InjectModel(ExchangeResponseEntry.name) private readonly entries: Model<ExchangeResponseEntry>,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
  }

  saveOwn(response: ExchangeResponseData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entryOf(response.id, 'own', response));
  }

  /** A partner's answer, as `origin` (the country whose signature it bears) sent it. */
  savePartner(origin: CountryCode, response: SharedExchangeResponseData): Promise<VersionedWrite> {
    return upsertIfNewer(this.entries, entryOf(partnerEntryId(origin, response.id), 'shared', { ...response, country: origin }));
  }

  /** Whether the node holds a partner's answer already: it was taken when it arrived, whatever the exchange's state now. */
  async holdsPartner(origin: CountryCode, id: string): Promise<boolean> {
    return (await this.entries.exists({ _id: partnerEntryId(origin, id) })) !== null;
  }

  /** The answers to an exchange, oldest first. */
  ofExchange(country: CountryCode, id: string): Promise<ExchangeResponseEntry[]> {
    return this.entries
      .find({ exchangeKey: exchangeKey(country, id) })
      .sort({ createdAt: 1, _id: 1 })
      .lean<ExchangeResponseEntry[]>();
  }

  /** The answers to any of these exchanges (`exchangeKey`s), without their messages: for counts. */
  ofExchanges(keys: readonly string[]): Promise<Pick<ExchangeResponseEntry, 'exchangeKey' | 'country' | 'createdAt'>[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.entries.find({ exchangeKey: { $in: [...keys] } }, { exchangeKey: 1, country: 1, createdAt: 1 }).lean();
  }

  /** A partner's answer by its id; the first country holding it is served. */
  async findPartner(id: string): Promise<ExchangeResponseEntry | undefined> {
    const partners = COUNTRY_CODES.filter((country) => country !== this.country);
    const entries = await this.entries.find({ _id: { $in: partners.map((country) => partnerEntryId(country, id)) } }).lean<ExchangeResponseEntry[]>();
    return partners.map((country) => entries.find((entry) => entry.country === country)).find((entry) => entry !== undefined);
  }
}

function entryOf(_id: string, origin: ExchangeResponseEntry['origin'], view: ExchangeResponseData | SharedExchangeResponseData): ExchangeResponseEntry {
  return {
    _id,
    origin,
    country: view.country,
    version: view.version,
    exchangeKey: exchangeKey(view.exchangeCountry, view.exchangeId),
    createdAt: view.createdAt,
    view,
  };
}
