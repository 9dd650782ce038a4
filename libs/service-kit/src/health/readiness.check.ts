import { Injectable } from '@nestjs/common';
import { type HealthCheckResult, HealthCheckService, MongooseHealthIndicator } from '@nestjs/terminus';
import { KafkaHealthIndicator } from './kafka.health';

/** Each check's own limit, so readiness is known within 2 s even when an engine hangs. */
const CHECK_TIMEOUT_MS = 1500;

/** Ready to serve: MongoDB answers a ping and Kafka a metadata request. */
@Injectable()
export class ReadinessCheck {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongodb: MongooseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** The checks' result; rejects with terminus' ServiceUnavailableException when one fails. */
  run(): Promise<HealthCheckResult> {
    return this.health.check([() => this.mongodb.pingCheck('mongodb').withTimeout(CHECK_TIMEOUT_MS), () => this.kafka.reachable('kafka', CHECK_TIMEOUT_MS)]);
  }
}
