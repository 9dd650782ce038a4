import { ConsultationData } from '@naperj/contracts';
import { apiSchemaOf, CurrentPrincipal, entityTag, IfMatch, type Principal, Public, Roles, type VersionPrecondition } from '@naperj/service-kit';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateConsultationRequest, ListConsultationsQuery } from './consultation.dto';
import { ConsultationErrorsInterceptor } from './consultation-errors.interceptor';
import type { Consultation } from './consultation.lifecycle';
import { type ConsultationPage, ConsultationsService, type PublicConsultation } from './consultations.service';

const CONSULTATION_SCHEMA = apiSchemaOf(ConsultationData);

/** The REST face of consultations (docs/architecture.md, REST: community-engagement). */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
@Roles('liaison', 'admin')
@UseInterceptors(ConsultationErrorsInterceptor)
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post()
  @ApiOperation({ summary: "A consultation of the caller's agency: open at once, or scheduled until its opensAt" })
  @ApiBody({ schema: apiSchemaOf(CreateConsultationRequest) })
  @ApiResponse({ status: 201, description: 'The consultation, version 1', schema: CONSULTATION_SCHEMA })
  @ApiResponse({ status: 400, description: 'Invalid fields, listed in `errors`' })
  async create(
    @Body() body: CreateConsultationRequest,
    @CurrentPrincipal() author: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Consultation> {
    const created = await this.consultations.create(body, author);
    response.location(`/api/v1/consultations/${created.id}`);
    return tagged(response, created);
  }

  @Get()
  @ApiOperation({ summary: "The node's consultations, newest first" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: CONSULTATION_SCHEMA }, nextCursor: { type: 'string', nullable: true } } },
  })
  list(@Query() { limit, cursor }: ListConsultationsQuery): Promise<ConsultationPage> {
    return this.consultations.list(limit, cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One consultation; its version in ETag' })
  @ApiOkResponse({ schema: CONSULTATION_SCHEMA })
  @ApiResponse({ status: 404, description: 'No such consultation' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<Consultation> {
    return tagged(response, await this.consultations.get(id));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a consultation by hand (a scheduled one is cancelled): a liaison of its agency, or an admin' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the version this request changes (428 without it, 412 when stale)' })
  @ApiResponse({ status: 200, description: 'The closed consultation; its new version in ETag', schema: CONSULTATION_SCHEMA })
  @ApiResponse({ status: 403, description: 'Not a liaison of its agency, nor an admin' })
  @ApiResponse({ status: 404, description: 'No such consultation' })
  @ApiResponse({ status: 409, description: 'Already closed (`currentStatus`)' })
  @ApiResponse({ status: 412, description: 'If-Match names an older version' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async close(
    @Param('id') id: string,
    @IfMatch() precondition: VersionPrecondition,
    @CurrentPrincipal() closer: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Consultation> {
    return tagged(response, await this.consultations.close(id, closer, precondition));
  }
}

/** What the public contribution form needs, without a token. */
@ApiTags('consultations')
@Controller('public/consultations')
@Public()
@UseInterceptors(ConsultationErrorsInterceptor)
export class PublicConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A consultation as participants without an account see it: title, description, themes, dates, status' })
  @ApiResponse({ status: 200, description: 'The public view of the consultation' })
  @ApiResponse({ status: 404, description: 'No such consultation' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<PublicConsultation> {
    const consultation = await this.consultations.getPublic(id);
    response.setHeader('ETag', entityTag(consultation.version));
    return consultation;
  }
}

function tagged(response: Response, consultation: Consultation): Consultation {
  response.setHeader('ETag', entityTag(consultation.version));
  return consultation;
}
