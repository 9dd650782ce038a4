import {
  CloseExchangeRequest,
  CreateExchangeRequest,
  ExchangeData,
  RespondToExchangeRequest,
  SharedExchangeData,
  SharedExchangeResponseData,
  SharedExpertData,
} from '@naperj/contracts';
import { type ApiSchema, apiSchemaOf, CurrentPrincipal, entityTag, IfMatch, type Principal, Roles, type VersionPrecondition } from '@naperj/service-kit';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EXCHANGE_EXAMPLES } from './exchange.examples';
import { ExchangeErrorsInterceptor } from './exchange-errors.interceptor';
import type { ExchangeView, ResponseView } from './exchange.view';
import { type ExchangePage, ExchangesService } from './exchanges.service';
import { ListExchangesQuery } from './list-exchanges.query';

const RESPONSE_SCHEMA = apiSchemaOf(SharedExchangeResponseData, {
  expert: { oneOf: [apiSchemaOf(SharedExpertData), { type: 'null' }], description: "The answering expert's public profile; null once erased" },
});
/** What an exchange shows beside its own members, in either view. */
const EXCHANGE_MEMBERS: NonNullable<ApiSchema['properties']> = {
  responseCount: { type: 'integer', description: 'Answers from invited countries, given by the due time and before the close' },
  responses: { type: 'array', items: RESPONSE_SCHEMA, description: 'Those answers, oldest first (not in lists)' },
};
const EXCHANGE_SCHEMA: ApiSchema = {
  oneOf: [
    { ...apiSchemaOf(ExchangeData, EXCHANGE_MEMBERS), description: 'An own exchange, to the asking agency' },
    { ...apiSchemaOf(SharedExchangeData, EXCHANGE_MEMBERS), description: "A partner's exchange, or an own one to another agency" },
  ],
};

/** The REST face of the network's exchanges (docs/architecture.md, REST: expert-network). */
@ApiTags('exchanges')
@ApiBearerAuth()
@Controller('exchanges')
@UseInterceptors(ExchangeErrorsInterceptor)
export class ExchangesController {
  constructor(private readonly exchanges: ExchangesService) {}

  @Post()
  @Roles('liaison', 'admin')
  @ApiOperation({ summary: "Ask the network on behalf of the caller's agency; the invited countries' experts answer on their own nodes" })
  @ApiBody({ schema: apiSchemaOf(CreateExchangeRequest), examples: EXCHANGE_EXAMPLES.create })
  @ApiResponse({ status: 201, description: 'The open exchange, version 1', schema: EXCHANGE_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid fields, listed in `errors` (a due time past, or more than a year ahead)' })
  async create(
    @Body() body: CreateExchangeRequest,
    @CurrentPrincipal() asker: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExchangeView> {
    const created = await this.exchanges.create(body, asker);
    response.location(`/api/v1/exchanges/${created.id}`);
    return tagged(response, created);
  }

  @Get()
  @ApiOperation({ summary: "This node's exchanges and its partners', newest first" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: EXCHANGE_SCHEMA }, nextCursor: { type: 'string', nullable: true } } },
  })
  list(@Query() { limit, cursor, ...filter }: ListExchangesQuery, @CurrentPrincipal() viewer: Principal): Promise<ExchangePage> {
    return this.exchanges.list(filter, limit, cursor, viewer);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One exchange with its answers and their experts’ public profiles; its version in ETag' })
  @ApiOkResponse({ schema: EXCHANGE_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such exchange here' })
  async get(@Param('id') id: string, @CurrentPrincipal() viewer: Principal, @Res({ passthrough: true }) response: Response): Promise<ExchangeView> {
    return tagged(response, await this.exchanges.get(id, viewer));
  }

  @Post(':id/responses')
  @Roles('expert')
  @ApiOperation({
    summary: "Answer an exchange, this node's or a partner's, as the caller's expert profile; the answer travels to the asking node",
  })
  @ApiBody({ schema: apiSchemaOf(RespondToExchangeRequest), examples: EXCHANGE_EXAMPLES.respond })
  @ApiResponse({ status: 201, description: 'The answer', schema: RESPONSE_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid fields, listed in `errors`' })
  @ApiResponse({ status: 403, description: "The caller's country is not invited, or the caller has no expert profile shared with the directory" })
  @ApiResponse({ status: 404, description: 'No such exchange here' })
  @ApiResponse({
    status: 409,
    description: 'The exchange is closed or past its due time, or this expert answered it already; `currentStatus` names its status',
  })
  async respond(
    @Param('id') id: string,
    @Body() body: RespondToExchangeRequest,
    @CurrentPrincipal() responder: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ResponseView> {
    const answer = await this.exchanges.respond(id, body, responder);
    response.location(`/api/v1/exchanges/${id}/responses/${answer.id}`);
    return tagged(response, answer);
  }

  @Get(':id/responses/:responseId')
  @ApiOperation({ summary: 'One answer to an exchange, with its expert’s public profile' })
  @ApiOkResponse({ schema: RESPONSE_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such answer to this exchange here' })
  async response(@Param('id') id: string, @Param('responseId') responseId: string, @Res({ passthrough: true }) response: Response): Promise<ResponseView> {
    return tagged(response, await this.exchanges.response(id, responseId));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('liaison', 'admin')
  @ApiOperation({ summary: 'Close an own exchange: the asking agency only, optionally naming what came of it' })
  @ApiBody({ schema: apiSchemaOf(CloseExchangeRequest), required: false, examples: EXCHANGE_EXAMPLES.close })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the version this request changes, e.g. "1" (428 without it, 412 when stale)' })
  @ApiResponse({ status: 200, description: 'The closed exchange; its new version in ETag', schema: EXCHANGE_SCHEMA })
  @ApiResponse({ status: 403, description: 'The caller is not a liaison or an admin of the asking agency' })
  @ApiResponse({ status: 404, description: 'No such exchange of this node' })
  @ApiResponse({ status: 409, description: 'Closed already, named in `currentStatus`' })
  @ApiResponse({ status: 412, description: 'If-Match names an older version' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async close(
    @Param('id') id: string,
    @Body() { outcome }: CloseExchangeRequest,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() closer: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExchangeView> {
    return tagged(response, await this.exchanges.close(id, outcome, closer, precondition));
  }
}

function tagged<T extends { version: number }>(response: Response, resource: T): T {
  response.setHeader('ETag', entityTag(resource.version));
  return resource;
}
