import { COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** `GET /api/v1/indicators/exchanges` and `…/erasures` filters: none gives the node and every partner. */
export class CountryIndicatorsQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'Only this country (the node itself or a partner)' })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode;
}
