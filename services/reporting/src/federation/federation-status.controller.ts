import { Roles } from '@naperj/service-kit';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type FederationStatus, FederationStatusService } from './federation-status.service';
import { FEDERATION_STATUS_SCHEMA } from './federation-status.openapi';

/** The federation's health for those who run the node: operators and admins. */
@ApiTags('federation')
@ApiBearerAuth()
@Controller('federation')
export class FederationStatusController {
  constructor(private readonly federation: FederationStatusService) {}

  @Get('status')
  @Roles('operator', 'admin')
  @ApiOperation({
    summary: 'Per partner: heartbeat, replication latency, events received, signature failures, dead letters, health',
    description:
      "Health is green while the partner's newest heartbeat is under 30 s old, amber under 120 s, red when older or never seen. " +
      'Operational figures of this node, hence for operators and admins only.',
  })
  @ApiOkResponse({ schema: FEDERATION_STATUS_SCHEMA })
  status(): Promise<FederationStatus> {
    return this.federation.status();
  }
}
