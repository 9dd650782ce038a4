import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { KafkaHealthIndicator } from './kafka.health';
import { ReadinessCheck } from './readiness.check';
import { ReadinessMetrics } from './readiness.metrics';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [KafkaHealthIndicator, ReadinessCheck, ReadinessMetrics],
})
export class HealthModule {}
