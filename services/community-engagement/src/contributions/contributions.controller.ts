import { type Role } from '@naperj/contracts';
import {
  type ApiSchema,
  apiSchemaOf,
  CurrentPrincipal,
  entityTag,
  IfMatch,
  type Principal,
  ProblemException,
  Public,
  Roles,
  TokenVerifier,
  type VersionPrecondition,
} from '@naperj/service-kit';
import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateContributionRequest, EraseContributionRequest, HideContributionRequest, ListContributionsQuery } from './contribution.dto';
import { ContributionErrorsInterceptor } from './contribution-errors.interceptor';
import { type ContributionPage, type ContributionReceipt, ContributionsService, type ContributionView } from './contributions.service';
import { PUBLIC_BODY_LIMIT_BYTES, PublicWriteGuard } from './public-write.guard';

const MODERATORS: readonly Role[] = ['liaison', 'admin'];
const RECEIPT_SCHEMA: ApiSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, receiptCode: { type: 'string', description: 'Shown this once; needed to withdraw the contribution' } },
};
const CONTRIBUTION_REFUSALS = [
  { status: 400, description: 'Invalid fields, or themes or action areas the consultation does not offer' },
  { status: 404, description: 'No such consultation' },
  { status: 409, description: 'The consultation is not open (`currentStatus`: scheduled or closed)' },
] as const;

/** Contributions entered by liaisons, listed and moderated (docs/architecture.md, REST: community-engagement). */
@ApiTags('contributions')
@ApiBearerAuth()
@Controller()
@UseInterceptors(ContributionErrorsInterceptor)
export class ContributionsController {
  constructor(private readonly contributions: ContributionsService) {}

  @Post('consultations/:id/contributions')
  @Roles('liaison')
  @ApiOperation({ summary: 'A contribution a liaison enters for a participant; the receipt code is for the participant' })
  @ApiBody({ schema: apiSchemaOf(CreateContributionRequest) })
  @ApiResponse({ status: 201, schema: RECEIPT_SCHEMA, description: 'Its id and receipt code' })
  @ApiResponse(CONTRIBUTION_REFUSALS[0])
  @ApiResponse(CONTRIBUTION_REFUSALS[1])
  @ApiResponse(CONTRIBUTION_REFUSALS[2])
  async create(
    @Param('id') consultationId: string,
    @Body() body: CreateContributionRequest,
    @CurrentPrincipal() liaison: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributionReceipt> {
    return uncached(response, await this.contributions.receive(consultationId, body, 'liaison', liaison));
  }

  @Get('consultations/:id/contributions')
  @Roles('liaison', 'admin')
  @ApiOperation({ summary: "A consultation's contributions, newest first, hidden ones included; contacts are never shown, only `hasContact`" })
  @ApiResponse({ status: 200, description: '`{items, nextCursor}`' })
  @ApiResponse({ status: 404, description: 'No such consultation' })
  list(@Param('id') consultationId: string, @Query() { limit, cursor }: ListContributionsQuery): Promise<ContributionPage> {
    return this.contributions.list(consultationId, limit, cursor);
  }

  @Post('contributions/:id/hide')
  @HttpCode(200)
  @Roles('liaison', 'admin')
  @ApiOperation({ summary: 'Hide a contribution from insights, with the reason; it is not erased' })
  @ApiBody({ schema: apiSchemaOf(HideContributionRequest) })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version listed for it, e.g. "1" (428 without it, 412 when stale)' })
  @ApiResponse({ status: 200, description: 'The hidden contribution; its new version in ETag' })
  @ApiResponse({ status: 404, description: 'No such contribution' })
  @ApiResponse({ status: 409, description: 'Already hidden (`currentStatus`)' })
  @ApiResponse({ status: 412, description: 'If-Match names an older version' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async hide(
    @Param('id') id: string,
    @Body() { reason }: HideContributionRequest,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() moderator: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributionView> {
    const hidden = await this.contributions.hide(id, reason, moderator, precondition);
    response.setHeader('ETag', entityTag(hidden.version));
    return hidden;
  }
}

/**
 * What participants do without an account: contribute, and withdraw with their receipt
 * code. Limited per client address and to small bodies (PublicWriteGuard).
 */
@ApiTags('contributions')
@Controller()
@Public()
@UseGuards(PublicWriteGuard)
@UseInterceptors(ContributionErrorsInterceptor)
export class PublicContributionsController {
  private readonly country: string;

  constructor(
    private readonly contributions: ContributionsService,
    private readonly verifier: TokenVerifier,
    config: ConfigService,
  ) {
    this.country = config.getOrThrow<string>('country');
  }

  @Post('public/consultations/:id/contributions')
  @ApiOperation({ summary: `A contribution sent without an account (bodies up to ${PUBLIC_BODY_LIMIT_BYTES} bytes, a few per minute per client)` })
  @ApiBody({ schema: apiSchemaOf(CreateContributionRequest) })
  @ApiResponse({ status: 201, schema: RECEIPT_SCHEMA, description: 'Its id and receipt code, shown this once' })
  @ApiResponse(CONTRIBUTION_REFUSALS[0])
  @ApiResponse(CONTRIBUTION_REFUSALS[1])
  @ApiResponse(CONTRIBUTION_REFUSALS[2])
  @ApiResponse({ status: 413, description: 'The body is too large' })
  @ApiResponse({ status: 429, description: 'Too many requests from this client; see Retry-After' })
  async create(
    @Param('id') consultationId: string,
    @Body() body: CreateContributionRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContributionReceipt> {
    return uncached(response, await this.contributions.receive(consultationId, body, 'public'));
  }

  @Delete('contributions/:id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Erase a contribution: its contributor with `{"receiptCode"}` in the body (no token), or a liaison or admin with a bearer token. The document is deleted and the insights it fed are recomputed.',
  })
  @ApiBody({ schema: apiSchemaOf(EraseContributionRequest), required: false })
  @ApiResponse({ status: 204, description: 'Erased' })
  @ApiResponse({ status: 401, description: 'Neither a receipt code nor a valid token' })
  @ApiResponse({ status: 403, description: 'A token without the role liaison or admin, or of another country' })
  @ApiResponse({ status: 404, description: 'No such contribution, or a receipt code that is not its own' })
  @ApiResponse({ status: 429, description: 'Too many requests from this client; see Retry-After' })
  async erase(@Param('id') id: string, @Body() { receiptCode }: EraseContributionRequest, @Headers('authorization') authorization?: string): Promise<void> {
    if (receiptCode !== undefined) return this.contributions.eraseWithReceipt(id, receiptCode);
    await this.moderator(authorization);
    await this.contributions.eraseByLiaison(id);
  }

  /** The route is public for participants; without a receipt code it needs a liaison's or admin's token of this node. */
  private async moderator(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Send the receipt code in the body, or a bearer token of a liaison');
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'The bearer token is not valid here');
    }
    if (!MODERATORS.some((role) => principal.roles.includes(role)))
      throw new ProblemException(HttpStatus.FORBIDDEN, 'This action needs one of the roles: liaison, admin');
    if (principal.country !== this.country)
      throw new ProblemException(HttpStatus.FORBIDDEN, `People act on their own node: a caller of ${principal.country} cannot write here`);
    return principal;
  }
}

/** The receipt code is shown once: no cache keeps a copy. */
function uncached(response: Response, receipt: ContributionReceipt): ContributionReceipt {
  response.setHeader('Cache-Control', 'no-store');
  return receipt;
}
