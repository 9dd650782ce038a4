import { ACTION_AREAS, type ActionArea, COUNTRY_CODES, type CountryCode, EXCHANGE_STATUSES, type ExchangeStatus } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';

import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@naperj/service-kit';

/** `GET /api/v1/exchanges` filters and paging. */
export class ListExchangesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES }) @IsOptional() @IsIn(EXCHANGE_STATUSES) status?: ExchangeStatus;
  @ApiPropertyOptional({ enum: ACTION_AREAS }) @IsOptional() @IsIn(ACTION_AREAS) actionArea?: ActionArea;
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'The asking country' }) @IsOptional() @IsIn(COUNTRY_CODES) country?: CountryCode;
}
