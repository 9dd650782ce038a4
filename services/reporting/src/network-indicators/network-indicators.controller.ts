import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IndicatorsQuery } from '../indicators/indicators.query';
import type { ErasureIndicatorRow } from './erasure-indicators';
import type { ExpertIndicators } from './expert-indicators';
import type { ExchangeIndicatorRow } from './exchange-indicators';
import { ERASURE_INDICATORS_SCHEMA, EXCHANGE_INDICATORS_SCHEMA, EXPERT_INDICATORS_SCHEMA } from './network-indicators.openapi';
import { CountryIndicatorsQuery } from './network-indicators.query';
import { NetworkIndicatorsService } from './network-indicators.service';

/** The expert network's indicators, for any authenticated caller of this node. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class NetworkIndicatorsController {
  constructor(private readonly indicators: NetworkIndicatorsService) {}

  @Get('experts')
  @ApiOperation({
    summary: 'Experts per country × action area × language',
    description:
      "The node's current experts (shared with partners or not) and the partners' shared ones, each under its origin country; " +
      'a withdrawn profile counts no more. Languages are grouped by their primary subtag.',
  })
  @ApiOkResponse({ schema: EXPERT_INDICATORS_SCHEMA })
  async experts(@Query() query: IndicatorsQuery): Promise<ExpertIndicators & { nextCursor: null }> {
    return { ...(await this.indicators.experts(query)), nextCursor: null };
  }

  @Get('exchanges')
  @ApiOperation({
    summary: 'Exchanges per asking country: open, closed, answered, median time to first answer',
    description: 'Answers from every country count; the median is over the exchanges with an answer.',
  })
  @ApiOkResponse({ schema: EXCHANGE_INDICATORS_SCHEMA })
  async exchanges(@Query() query: CountryIndicatorsQuery): Promise<{ items: ExchangeIndicatorRow[]; nextCursor: null }> {
    return { items: await this.indicators.exchanges(query), nextCursor: null };
  }

  @Get('erasures')
  @ApiOperation({
    summary: 'Erasure receipts per origin country and partner',
    description:
      "Withdrawals of each country's shared expert profiles, and per other country its erasure receipts, the withdrawals it has yet to confirm, " +
      'and its median time to confirm.',
  })
  @ApiOkResponse({ schema: ERASURE_INDICATORS_SCHEMA })
  async erasures(@Query() query: CountryIndicatorsQuery): Promise<{ items: ErasureIndicatorRow[]; nextCursor: null }> {
    return { items: await this.indicators.erasures(query), nextCursor: null };
  }
}
