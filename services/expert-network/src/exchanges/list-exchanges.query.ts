import { ACTION_AREAS, type ActionArea, COUNTRY_CODES, type CountryCode, EXCHANGE_STATUSES, type ExchangeStatus } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `GET /api/v1/exchanges` filters and paging. */
export class ListExchangesQuery {
  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES }) @IsOptional() @IsIn(EXCHANGE_STATUSES) status?: ExchangeStatus;
  @ApiPropertyOptional({ enum: ACTION_AREAS }) @IsOptional() @IsIn(ACTION_AREAS) actionArea?: ActionArea;
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'The asking country' }) @IsOptional() @IsIn(COUNTRY_CODES) country?: CountryCode;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
