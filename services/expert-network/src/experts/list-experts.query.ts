import { ACTION_AREAS, type ActionArea, canonicalLanguageTag, COUNTRY_CODES, type CountryCode, IsLanguageTag } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `GET /api/v1/experts` filters and paging. */
export class ListExpertsQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES }) @IsOptional() @IsIn(COUNTRY_CODES) country?: CountryCode;
  @ApiPropertyOptional({ enum: ACTION_AREAS }) @IsOptional() @IsIn(ACTION_AREAS) actionArea?: ActionArea;

  @ApiPropertyOptional({ description: 'A BCP 47 tag the expert works in; a language alone (`es`) also finds its regional tags (`es-MX`)', example: 'nah' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (canonicalLanguageTag(value) ?? value) : value))
  @IsLanguageTag()
  language?: string;

  @ApiPropertyOptional({
    description: 'Words to find in names, affiliations, bios and populations, in any language; each must start a word',
    example: 'educación',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
