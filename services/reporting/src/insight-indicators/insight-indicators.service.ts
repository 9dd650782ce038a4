import { ACTION_AREAS, type CountryCode } from '@naperj/contracts';
import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { IndicatorsQuery } from '../indicators/indicators.query';
import { ReadModelRegistry } from '../read-models/read-model.registry';
import { InsightIndicatorGenerations } from './insight-indicator-generations.service';
import { type InsightIndicatorRow, insightRows } from './insight-indicators';

/** The insight indicators as the active generation of the read models holds them. */
@Injectable()
export class InsightIndicatorsService {
  private readonly countries: readonly CountryCode[];

  constructor(
    private readonly registry: ReadModelRegistry,
    private readonly generations: InsightIndicatorGenerations,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.countries = [config.get('country', { infer: true }), ...config.get('peers', { infer: true })];
  }

  async rows({ country, actionArea }: IndicatorsQuery = {}): Promise<InsightIndicatorRow[]> {
    const store = this.generations.of(await this.registry.activeGeneration());
    const totals = await store.totals({ ...(country ? { country } : {}), ...(actionArea ? { actionArea } : {}) });
    return insightRows(totals, {
      countries: this.countries.filter((each) => !country || each === country),
      actionAreas: ACTION_AREAS.filter((each) => !actionArea || each === actionArea),
    });
  }
}
