import type { CountryCode, ServiceName } from '@naperj/contracts';
import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth';
import type { ServiceConfig } from '../config/service-config';
import { ProblemException } from '../errors/problem.exception';
import { ReadinessCheck } from './readiness.check';

export interface LivenessReport {
  status: 'ok';
  service: ServiceName;
  country: CountryCode;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly config: ConfigService<ServiceConfig, true>,
    private readonly readiness: ReadinessCheck,
  ) {}

  /**
   * Liveness only: the process answers HTTP. MongoDB and Kafka belong to
   * readiness, since restarting this process would not bring them back.
   */
  @Get('live')
  @ApiOkResponse({ description: 'The process is running' })
  live(): LivenessReport {
    return { status: 'ok', service: this.config.get('service', { infer: true }), country: this.config.get('country', { infer: true }) };
  }

  /** Ready to serve: MongoDB answers a ping and Kafka a metadata request. */
  @Get('ready')
  @HealthCheck()
  @ApiServiceUnavailableResponse({ description: 'MongoDB or Kafka is unreachable' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.readiness.run();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, `Not ready: ${down.join(' and ')} unreachable`, {
        checks: result.details,
      });
    }
  }
}
