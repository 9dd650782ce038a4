import type { CountryCode, ServiceName } from '@naperj/contracts';
import { Controller, Get } from '@nestjs/common';
import { ServiceIdentity } from '../identity/service-identity';

export interface LivenessReport {
  status: 'ok';
  service: ServiceName;
  country: CountryCode;
}

@Controller('health')
export class HealthController {
  constructor(private readonly identity: ServiceIdentity) {}

  /**
   * Liveness only: the process answers HTTP. MongoDB and Kafka belong to
   * readiness, since restarting this process would not bring them back.
   */
  @Get('live')
  live(): LivenessReport {
    return { status: 'ok', service: this.identity.service, country: this.identity.country };
  }
}
