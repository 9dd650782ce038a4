import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { MetricsRegistry } from './metrics.registry';

/**
 * Prometheus scrapes with a bearer token of an `operator` or `admin`: the figures describe the
 * node's operation (reporting's include each partner's health, dead letters and signature
 * failures), so they are for those who see the federation status, and nobody else.
 */
@ApiExcludeController()
@Roles('operator', 'admin')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.metrics();
  }
}
