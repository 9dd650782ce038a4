import {
  AssignedReviewer,
  CreateSubmissionRequest,
  ReviewSubmissionRequest,
  SharedSubmissionData,
  SUBMISSION_STATUSES,
  SubmissionData,
  UpdateSubmissionRequest,
  WithdrawSubmissionRequest,
} from '@naperj/contracts';
import { type ApiSchema, apiSchemaOf, CurrentPrincipal, entityTag, IfMatch, type Principal, Roles, type VersionPrecondition } from '@naperj/service-kit';
import { applyDecorators, Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ListSubmissionsQuery } from './list-submissions.query';
import { SUBMISSION_EXAMPLES } from './submission.examples';
import { SubmissionErrorsInterceptor } from './submission-errors.interceptor';
import type { SubmissionView } from './submission.view';
import { type SubmissionPage, SubmissionsService } from './submissions.service';

/** The two views of submission.view.ts, each a contract's closed schema with what the API adds to it. */
const SUBMISSION_SCHEMA: ApiSchema = {
  oneOf: [
    {
      ...apiSchemaOf(SubmissionData, {
        assignedReviewers: { type: 'array', items: apiSchemaOf(AssignedReviewer), description: 'The reviewers review matching assigned, once it has' },
      }),
      description: 'An own submission, to its agency, its reviewers and admins',
    },
    {
      ...apiSchemaOf(SharedSubmissionData, { status: { type: 'string', enum: [...SUBMISSION_STATUSES] } }),
      description: "A partner's published submission, or one the caller sees as the public does",
    },
  ],
};
const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag of the version this request changes, e.g. "3" (428 without it, 412 when stale)' };
/** What a change needs and answers: If-Match, the changed submission, and every refusal. */
const ApiChange = () =>
  applyDecorators(
    ApiHeader(IF_MATCH),
    ApiResponse({ status: 200, description: 'The submission after the change; its new version in ETag', schema: SUBMISSION_SCHEMA }),
    ApiResponse({ status: 403, description: 'The caller may not take this action' }),
    ApiResponse({ status: 404, description: 'No such submission visible to the caller' }),
    ApiResponse({ status: 409, description: 'Not allowed in the current status, named in `currentStatus`' }),
    ApiResponse({ status: 412, description: 'If-Match names an older version' }),
    ApiResponse({ status: 428, description: 'If-Match is missing' }),
  );

/** The REST face of the submissions lifecycle (docs/architecture.md, REST: submissions). */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('submissions')
@UseInterceptors(SubmissionErrorsInterceptor)
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Post()
  @Roles('submitter')
  @ApiOperation({ summary: "Draft a submission for the caller's agency" })
  @ApiBody({ schema: apiSchemaOf(CreateSubmissionRequest), examples: SUBMISSION_EXAMPLES.create })
  @ApiResponse({ status: 201, description: 'The draft, version 1', schema: SUBMISSION_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid fields, listed in `errors`' })
  async create(
    @Body() body: CreateSubmissionRequest,
    @CurrentPrincipal() author: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionView> {
    const created = await this.submissions.create(body, author);
    response.location(`/api/v1/submissions/${created.id}`);
    return tagged(response, created);
  }

  @Get()
  @ApiOperation({ summary: "This node's submissions the caller may see, and the partners' published ones, newest first" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: SUBMISSION_SCHEMA }, nextCursor: { type: 'string', nullable: true } } },
  })
  list(@Query() { limit, cursor, ...filter }: ListSubmissionsQuery, @CurrentPrincipal() viewer: Principal): Promise<SubmissionPage> {
    return this.submissions.list(filter, limit, cursor, viewer);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One submission; its version in ETag' })
  @ApiOkResponse({ schema: SUBMISSION_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such submission visible to the caller' })
  async get(@Param('id') id: string, @CurrentPrincipal() viewer: Principal, @Res({ passthrough: true }) response: Response): Promise<SubmissionView> {
    return tagged(response, await this.submissions.get(id, viewer));
  }

  @Patch(':id')
  @Roles('submitter')
  @ApiOperation({ summary: 'Edit a draft (or one with changes requested): a JSON merge patch, `null` removes an optional field' })
  @ApiBody({ schema: apiSchemaOf(UpdateSubmissionRequest), examples: SUBMISSION_EXAMPLES.update })
  @ApiChange()
  @ApiResponse({ status: 400, description: 'Invalid fields, or a result that would be invalid' })
  async update(
    @Param('id') id: string,
    @Body() patch: UpdateSubmissionRequest,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() editor: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionView> {
    return tagged(response, await this.submissions.update(id, patch, editor, precondition));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('submitter')
  @ApiOperation({ summary: 'Submit a draft for review' })
  @ApiChange()
  async submit(
    @Param('id') id: string,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionView> {
    return tagged(response, await this.submissions.submit(id, caller, precondition));
  }

  @Post(':id/reviews')
  @HttpCode(200)
  @Roles('reviewer', 'expert')
  @ApiOperation({ summary: 'Review a submitted submission: reviewers, or experts assigned to it' })
  @ApiBody({ schema: apiSchemaOf(ReviewSubmissionRequest), examples: SUBMISSION_EXAMPLES.review })
  @ApiChange()
  async review(
    @Param('id') id: string,
    @Body() review: ReviewSubmissionRequest,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() reviewer: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionView> {
    return tagged(response, await this.submissions.review(id, review, reviewer, precondition));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Publish an approved submission; trilateral and public ones are shared with the partners' })
  @ApiChange()
  async publish(
    @Param('id') id: string,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionView> {
    return tagged(response, await this.submissions.publish(id, caller, precondition));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('submitter', 'admin')
  @ApiOperation({ summary: 'Withdraw a published submission; partners remove their copies' })
  @ApiBody({ schema: apiSchemaOf(WithdrawSubmissionRequest), required: false, examples: SUBMISSION_EXAMPLES.withdraw })
  @ApiChange()
  async withdraw(
    @Param('id') id: string,
    @Body() { reason }: WithdrawSubmissionRequest,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubmissionView> {
    return tagged(response, await this.submissions.withdraw(id, reason, caller, precondition));
  }
}

function tagged(response: Response, submission: SubmissionView): SubmissionView {
  response.setHeader('ETag', entityTag(submission.version));
  return submission;
}
