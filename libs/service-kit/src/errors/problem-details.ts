import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_JSON = 'application/problem+json';

/** One invalid member of a request: where it is and what is wrong with it. */
export class ProblemViolation {
  @ApiProperty({ example: '/title/es', description: 'A JSON pointer to the member' })
  pointer!: string;

  @ApiProperty({ example: 'title.es must be shorter than or equal to 300 characters' })
  detail!: string;
}

/** An RFC 9457 problem document, as every error response of every service carries. */
export class ProblemDetails {
  @ApiProperty({ example: 'about:blank', description: 'A URI reference identifying the problem type' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'title.es must be shorter than or equal to 300 characters' })
  detail!: string;

  @ApiProperty({ example: '/api/v1/submissions', description: 'The request path' })
  instance!: string;

  @ApiProperty({ example: '0b5c2d0e-3c1a-4a55-9d0e-8f1f5c1f2f5e', description: 'Echoes the x-request-id header' })
  requestId!: string;

  @ApiPropertyOptional({ type: [ProblemViolation], description: 'Each invalid field of a 400, with its JSON pointer' })
  errors?: ProblemViolation[];

  [extension: string]: unknown;
}
