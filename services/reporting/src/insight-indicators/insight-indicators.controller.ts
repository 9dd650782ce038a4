import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IndicatorsQuery } from '../indicators/indicators.query';
import type { InsightIndicatorRow } from './insight-indicators';
import { INSIGHT_INDICATORS_SCHEMA } from './insight-indicators.openapi';
import { InsightIndicatorsService } from './insight-indicators.service';

/** Community insights per country × action area, for any authenticated caller of this node. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class InsightIndicatorsController {
  constructor(private readonly insights: InsightIndicatorsService) {}

  @Get('insights')
  @ApiOperation({
    summary: 'Community insights per country × action area',
    description: "Insights the node and its partners published, at each one's latest version, and their tables' published and suppressed cells.",
  })
  @ApiOkResponse({ schema: INSIGHT_INDICATORS_SCHEMA })
  async list(@Query() query: IndicatorsQuery): Promise<{ items: InsightIndicatorRow[]; nextCursor: null }> {
    return { items: await this.insights.rows(query), nextCursor: null };
  }
}
