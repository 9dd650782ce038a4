import { ACTION_AREAS } from '@naperj/contracts';
import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ReadModelRegistry } from '../read-models/read-model.registry';
import { type IndicatorRow, indicatorRows } from './indicator-rows';
import { IndicatorGenerations } from './indicator-generations.service';
import type { IndicatorsQuery } from './indicators.query';

/** The indicators as the active generation of the read models holds them. */
@Injectable()
export class IndicatorsService {
  private readonly country: ServiceConfig['country'];
  private readonly peers: ServiceConfig['peers'];

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly generations: IndicatorGenerations,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.country = config.get('country', { infer: true });
    this.peers = config.get('peers', { infer: true });
  }

  /** The node's and its partners' rows, every action area, narrowed by the filters. */
  async rows({ country, actionArea }: IndicatorsQuery = {}): Promise<IndicatorRow[]> {
    const store = this.generations.of(await this.registry.activeGeneration());
    const totals = await store.totals({ ...(country ? { country } : {}), ...(actionArea ? { actionArea } : {}) });
    return indicatorRows(totals, {
      countries: [this.country, ...this.peers].filter((each) => !country || each === country),
      actionAreas: ACTION_AREAS.filter((each) => !actionArea || each === actionArea),
      ownCountry: this.country,
    });
  }
}
