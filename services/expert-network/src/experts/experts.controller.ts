import { ExpertData, SharedExpertData } from '@naperj/contracts';
import { type ApiSchema, apiSchemaOf, CurrentPrincipal, entityTag, IfMatch, type Principal, Roles, type VersionPrecondition } from '@naperj/service-kit';
import { applyDecorators, Body, Controller, Delete, Get, Param, Patch, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ExpertErrorsInterceptor } from './expert-errors.interceptor';
import { EXPERT_EXAMPLES } from './expert.examples';
import { ExpertContact, RegisterExpertRequest, UpdateExpertRequest } from './expert-requests.dto';
import type { ExpertView } from './expert.view';
import { type ExpertPage, ExpertsService } from './experts.service';
import { ListExpertsQuery } from './list-experts.query';

const FULL_SCHEMA: ApiSchema = {
  ...apiSchemaOf(ExpertData, { contact: apiSchemaOf(ExpertContact) }),
  description: "The whole profile: for the expert themself and the node's liaisons and admins; `contact` on `GET` of one expert only",
};
const EXPERT_SCHEMA: ApiSchema = {
  oneOf: [FULL_SCHEMA, { ...apiSchemaOf(SharedExpertData), description: "The public profile: a partner's expert, or one the caller does not manage" }],
};
const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag of the version this request changes, e.g. "3" (428 without it, 412 when stale)' };
/** What a change needs and answers: If-Match, the changed expert, and every refusal. */
const ApiChange = () =>
  applyDecorators(
    ApiHeader(IF_MATCH),
    ApiResponse({ status: 403, description: 'Neither the expert nor a liaison or admin of the node' }),
    ApiResponse({ status: 404, description: 'No such expert on this node' }),
    ApiResponse({ status: 409, description: 'The expert has withdrawn' }),
    ApiResponse({ status: 412, description: 'If-Match names an older version' }),
    ApiResponse({ status: 428, description: 'If-Match is missing' }),
  );

/** The REST face of the expert network's profiles and directory (docs/architecture.md, REST: expert-network). */
@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts')
@UseInterceptors(ExpertErrorsInterceptor)
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  @Post()
  @Roles('expert', 'liaison', 'admin')
  @ApiOperation({
    summary: 'Register an expert profile: the caller themself, or (liaison, admin) the account named by `userId`',
    description: 'One profile per account on the node. `consent.givenAt` is set by the server. The contact is kept encrypted by this node and is in no event.',
  })
  @ApiBody({ schema: apiSchemaOf(RegisterExpertRequest), examples: EXPERT_EXAMPLES.register })
  @ApiResponse({ status: 201, description: 'The profile, version 1; `Location` names it', schema: FULL_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid fields, listed in `errors`' })
  @ApiResponse({ status: 403, description: 'Registering another account, or another agency, without being a liaison or admin' })
  @ApiResponse({ status: 409, description: 'The account has a profile on this node already, named in `expertId`' })
  async register(
    @Body() body: RegisterExpertRequest,
    @CurrentPrincipal() registrant: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExpertView> {
    const created = await this.experts.register(body, registrant);
    response.location(`/api/v1/experts/${created.id}`);
    return tagged(response, created);
  }

  @Get()
  @ApiOperation({ summary: "The federated directory: this node's experts and the partners' consented public profiles, newest first" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: EXPERT_SCHEMA }, nextCursor: { type: 'string', nullable: true } } },
  })
  @ApiResponse({ status: 400, description: 'An invalid filter or cursor' })
  list(@Query() { limit, cursor, ...filter }: ListExpertsQuery, @CurrentPrincipal() viewer: Principal): Promise<ExpertPage> {
    return this.experts.list(filter, limit, cursor, viewer);
  }

  @Get(':id')
  @ApiOperation({ summary: "One expert, the node's own or a partner's; its version in ETag" })
  @ApiOkResponse({ schema: EXPERT_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such expert, or withdrawn' })
  async get(@Param('id') id: string, @CurrentPrincipal() viewer: Principal, @Res({ passthrough: true }) response: Response): Promise<ExpertView> {
    return tagged(response, await this.experts.get(id, viewer));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a profile: a JSON merge patch, `null` removes an optional field',
    description:
      'By the expert themself or a liaison or admin of the node. A changed consent is stamped anew; `consent.shareProfile: false` withdraws the profile from the partners (they erase their copies), `true` shares it again.',
  })
  @ApiBody({ schema: apiSchemaOf(UpdateExpertRequest), examples: EXPERT_EXAMPLES.update })
  @ApiChange()
  @ApiResponse({ status: 200, description: 'The profile after the change; its new version in ETag', schema: FULL_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid fields, or a result that would be invalid' })
  async update(
    @Param('id') id: string,
    @Body() patch: UpdateExpertRequest,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() editor: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExpertView> {
    return tagged(response, await this.experts.update(id, patch, editor, precondition));
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Withdraw a profile: the contact is erased, and partners erase their copies and send erasure receipts',
    description: 'By the expert themself or a liaison or admin of the node. `GET …/{id}/erasure` shows which partners confirmed.',
  })
  @ApiChange()
  @ApiResponse({ status: 200, description: "The profile as it was withdrawn, at the withdrawal's version (in ETag)", schema: apiSchemaOf(ExpertData) })
  async withdraw(
    @Param('id') id: string,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExpertView> {
    return tagged(response, await this.experts.withdraw(id, caller, precondition));
  }
}

function tagged(response: Response, expert: ExpertView): ExpertView {
  response.setHeader('ETag', entityTag(expert.version));
  return expert;
}
