import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { STREAM_EVENT_TYPES } from './integrator-event';

/** `GET /api/v1/stream` filters. */
export class StreamQuery {
  @ApiPropertyOptional({
    description: 'Only events of these CloudEvents types; repeat the parameter for several. Every type with a shareable view when absent.',
    enum: STREAM_EVENT_TYPES,
    isArray: true,
    example: ['org.naperj.submission.published.v1', 'org.naperj.submission.withdrawn.v1'],
  })
  @IsOptional()
  // One `type=` arrives as a string, several as an array.
  @Transform(({ value }: { value: unknown }): unknown[] => (Array.isArray(value) ? value : [value]))
  @IsIn(STREAM_EVENT_TYPES, { each: true, message: `each type must be one of the types integrators receive: ${STREAM_EVENT_TYPES.join(', ')}` })
  type?: string[];
}
