import { asyncApiJson } from '@naperj/contracts';
import { ASYNCAPI_PATH, Public } from '@naperj/service-kit';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';

/** The AsyncAPI 3 document of every topic and event type, for integrators (docs/architecture.md, REST: reporting). */
@ApiTags('asyncapi')
@Public()
@Controller()
export class AsyncApiController {
  /** Generated once: it depends only on the contracts this build carries. */
  private readonly document = asyncApiJson();

  @Get(ASYNCAPI_PATH)
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The AsyncAPI 3 document of every topic and event type, generated from libs/contracts' })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'AsyncAPI 3.0 document', schema: { type: 'object' } })
  asyncApi(): string {
    return this.document;
  }
}
