import { ACTION_AREAS, type CountryCode } from '@naperj/contracts';
import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IndicatorsQuery } from '../indicators/indicators.query';
import { ReadModelRegistry } from '../read-models/read-model.registry';
import { type ErasureIndicatorRow, erasureRows } from './erasure-indicators';
import { type ExpertIndicators, expertIndicators } from './expert-indicators';
import { type ExchangeIndicatorRow, exchangeRows } from './exchange-indicators';
import { NetworkIndicatorGenerations } from './network-indicator-generations.service';
import type { NetworkIndicatorRepository } from './network-indicator.repository';
import type { CountryIndicatorsQuery } from './network-indicators.query';

/** The expert network's indicators as the active generation of the read models holds them. */
@Injectable()
export class NetworkIndicatorsService {
  private readonly countries: readonly CountryCode[];

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly generations: NetworkIndicatorGenerations,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.countries = [config.get('country', { infer: true }), ...config.get('peers', { infer: true })];
  }

  async experts({ country, actionArea }: IndicatorsQuery = {}): Promise<ExpertIndicators> {
    const totals = await (await this.store()).expertTotals(country ? { country } : {});
    const { items, countries } = expertIndicators(totals, { countries: this.countriesOf(country), actionAreas: ACTION_AREAS });
    return { items: items.filter((row) => !actionArea || row.actionArea === actionArea), countries };
  }

  async exchanges({ country }: CountryIndicatorsQuery = {}): Promise<ExchangeIndicatorRow[]> {
    const store = await this.store();
    const [exchanges, firstAnswers] = await Promise.all([store.exchangeRecords(), store.firstAnswerRecords()]);
    return exchangeRows(exchanges, firstAnswers, this.countriesOf(country));
  }

  /** Every origin's partners are the other countries this node knows, whichever origin is asked for. */
  async erasures({ country }: CountryIndicatorsQuery = {}): Promise<ErasureIndicatorRow[]> {
    const store = await this.store();
    const [withdrawals, receipts] = await Promise.all([store.withdrawalRecords(), store.receiptRecords()]);
    return erasureRows(withdrawals, receipts, this.countries).filter((row) => !country || row.country === country);
  }

  private async store(): Promise<NetworkIndicatorRepository> {
    return this.generations.of(await this.registry.activeGeneration());
  }

  /** The node first, then its partners; a country outside the federation gives no row. */
  private countriesOf(country: CountryCode | undefined): CountryCode[] {
    return this.countries.filter((each) => !country || each === country);
  }
}
