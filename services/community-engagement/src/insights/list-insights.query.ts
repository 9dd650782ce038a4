import { ACTION_AREAS, type ActionArea, COUNTRY_CODES, type CountryCode } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `GET /api/v1/insights` filters and paging. */
export class ListInsightsQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES, description: 'The country whose consultations the insights count' })
  @IsOptional()
  @IsIn(COUNTRY_CODES)
  country?: CountryCode;

  @ApiPropertyOptional({ enum: ACTION_AREAS, description: 'Only consultations about this action area' })
  @IsOptional()
  @IsIn(ACTION_AREAS)
  actionArea?: ActionArea;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
