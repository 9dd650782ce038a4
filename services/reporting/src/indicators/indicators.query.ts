import { ACTION_AREAS, type ActionArea, COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** `GET /api/v1/indicators` filters: none gives the whole grid of the node and its partners. */
export class IndicatorsQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'Only this country (the node itself or a partner)' })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode;

  @ApiPropertyOptional({ enum: ACTION_AREAS, description: 'Only this action area' })
  @IsOptional()
  @IsIn(ACTION_AREAS)
  actionArea?: ActionArea;
}
