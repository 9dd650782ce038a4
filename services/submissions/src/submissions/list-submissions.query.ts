import {
  ACTION_AREAS,
  type ActionArea,
  COUNTRY_CODES,
  type CountryCode,
  IsSdgTarget,
  SUBMISSION_KINDS,
  SUBMISSION_STATUSES,
  type SubmissionKind,
  type SubmissionStatus,
} from '@naperj/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';

import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@naperj/service-kit';

/** `GET /api/v1/submissions` filters and paging. */
export class ListSubmissionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COUNTRY_CODES }) @IsOptional() @IsIn(COUNTRY_CODES) country?: CountryCode;
  @ApiPropertyOptional({ enum: ACTION_AREAS }) @IsOptional() @IsIn(ACTION_AREAS) actionArea?: ActionArea;
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES }) @IsOptional() @IsIn(SUBMISSION_STATUSES) status?: SubmissionStatus;
  @ApiPropertyOptional({ enum: SUBMISSION_KINDS }) @IsOptional() @IsIn(SUBMISSION_KINDS) kind?: SubmissionKind;
  @ApiPropertyOptional({ example: '10.2' }) @IsOptional() @IsSdgTarget() sdgTarget?: string;

  @ApiPropertyOptional({ description: 'Words to find in titles and summaries, in any language; each must start a word', example: 'salud comunitaria' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
