import type { CountryCode } from '@naperj/contracts';
import { CurrentPrincipal, type Principal, type ServiceConfig } from '@naperj/service-kit';
import { Controller, Get, Param, UseInterceptors } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ExpertErrorsInterceptor } from '../experts/expert-errors.interceptor';
import { ExpertEventsRepository } from '../experts/expert-events.repository';
import { ExpertNotFoundError, mayManage } from '../experts/expert.lifecycle';
import { ErasureReceiptsRepository } from './erasure-receipts.repository';
import { type ErasureStatus, erasureStatus } from './erasure.bookkeeping';

const COUNTRY = { type: 'string', enum: ['ca', 'mx', 'us'] };

/** Which partners confirmed erasing an own expert's withdrawn profile (docs/architecture.md, REST: expert-network). */
@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts')
@UseInterceptors(ExpertErrorsInterceptor)
export class ErasureController {
  private readonly peers: CountryCode[];

  constructor(
    private readonly history: ExpertEventsRepository,
    private readonly receipts: ErasureReceiptsRepository,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.peers = config.get('peers', { infer: true });
  }

  @Get(':id/erasure')
  @ApiOperation({
    summary: "The partners' erasure receipts for the latest withdrawal of an own expert from the partners, and who has not confirmed",
    description: "For the expert themself and the node's liaisons and admins. A withdrawal is a `DELETE`, or `consent.shareProfile` turned off.",
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        withdrawnAt: { type: 'string', format: 'date-time' },
        version: { type: 'integer' },
        receipts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              country: COUNTRY,
              erasedAt: { type: 'string', format: 'date-time' },
              receivedAt: { type: 'string', format: 'date-time' },
              tookMs: { type: 'integer' },
            },
          },
        },
        pending: { type: 'array', items: COUNTRY },
      },
      example: {
        id: '0192f3a4-5b6c-7d8e-9f00-112233445566',
        withdrawnAt: '2026-11-02T10:00:00.000Z',
        version: 3,
        receipts: [{ country: 'us', erasedAt: '2026-11-02T10:00:01.250Z', receivedAt: '2026-11-02T10:00:01.900Z', tookMs: 1250 }],
        pending: ['ca'],
      },
    },
  })
  @ApiResponse({ status: 404, description: 'No such own expert the caller manages, or never withdrawn from the partners' })
  async erasure(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<ErasureStatus> {
    const expert = await this.history.current(id);
    if (!expert || !mayManage(expert.data, caller)) throw new ExpertNotFoundError(id);
    const withdrawal = await this.history.lastPartnerWithdrawal(id);
    if (!withdrawal) throw new ExpertNotFoundError(`${id} withdrawn from the partners`);
    return erasureStatus(id, withdrawal, await this.receipts.of(id, withdrawal.version), this.peers);
  }
}
