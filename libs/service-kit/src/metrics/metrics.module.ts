import { Global, Module } from '@nestjs/common';
import { HttpMetricsRecorder } from './http-metrics.recorder';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

/** `GET /metrics` for Prometheus, HTTP metrics, and the MetricsRegistry every module can inject. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: MetricsRegistry, useFactory: () => MetricsRegistry.forProcess() }, HttpMetricsRecorder],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
