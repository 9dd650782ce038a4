import { ACTION_AREAS, type ActionArea, COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';

import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@naperj/service-kit';

/** `GET /api/v1/insights` filters and paging. */
export class ListInsightsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'The country whose consultations the insights count' })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode;

  @ApiPropertyOptional({ enum: ACTION_AREAS, description: 'Only consultations about this action area' })
  @IsOptional()
  @IsIn(ACTION_AREAS)
  actionArea?: ActionArea;
}
