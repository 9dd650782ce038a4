import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IndicatorRow } from './indicator-rows';
import { INDICATOR_PAGE_SCHEMA } from './indicators.openapi';
import { IndicatorsQuery } from './indicators.query';
import { IndicatorsService } from './indicators.service';

/** Indicators per country × action area, for any authenticated caller of this node. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({
    summary: 'Indicators per country × action area',
    description:
      "The node's own submissions by status, and published submissions by kind and SDG target for the node and each partner. " +
      'Built from Kafka by idempotent projections; any role may read them.',
  })
  @ApiOkResponse({ schema: INDICATOR_PAGE_SCHEMA })
  async list(@Query() query: IndicatorsQuery): Promise<{ items: IndicatorRow[]; nextCursor: null }> {
    return { items: await this.indicators.rows(query), nextCursor: null };
  }
}
