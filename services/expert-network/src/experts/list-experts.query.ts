import { ACTION_AREAS, type ActionArea, canonicalLanguageTag, COUNTRY_CODES, type CountryCode, IsLanguageTag } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@naperj/service-kit';

/** `GET /api/v1/experts` filters and paging. */
export class ListExpertsQuery extends PageQuery {
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
}
