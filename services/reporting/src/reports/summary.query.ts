import { LANGUAGES, type Language } from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class SummaryQuery {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'The language of the action areas’ names' })
  @IsOptional()
  @IsIn(LANGUAGES)
  lang: Language = 'en';
}
