import { InsightData } from '@naperj/contracts';
import { apiSchemaOf, entityTag } from '@naperj/service-kit';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type InsightPage, InsightsService } from './insights.service';
import { ListInsightsQuery } from './list-insights.query';

const INSIGHT_SCHEMA = apiSchemaOf(InsightData);

/**
 * Community insights, the node's own and its partners' (docs/architecture.md, REST:
 * community-engagement). Every caller with a token of the node may read them: they hold
 * k-suppressed counts only, the same the partners receive.
 */
@ApiTags('insights')
@ApiBearerAuth()
@Controller('insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get()
  @ApiOperation({ summary: "The latest insight of each consultation, the node's own and its partners', newest consultations first" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: INSIGHT_SCHEMA }, nextCursor: { type: 'string', nullable: true } } },
  })
  list(@Query() { limit, cursor, ...filter }: ListInsightsQuery): Promise<InsightPage> {
    return this.insights.list(filter, limit, cursor);
  }

  @Get(':country/:consultationId')
  @ApiOperation({ summary: 'The latest insight of one consultation of a country; its version in ETag' })
  @ApiOkResponse({ schema: INSIGHT_SCHEMA })
  @ApiResponse({ status: 404, description: 'No insight of that consultation is known here' })
  async get(
    @Param('country') country: string,
    @Param('consultationId') consultationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InsightData> {
    const insight = await this.insights.get(country, consultationId);
    response.setHeader('ETag', entityTag(insight.version));
    return insight;
  }
}
