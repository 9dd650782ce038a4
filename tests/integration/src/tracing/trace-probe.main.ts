/**
 * A service process in miniature, started by end-to-end-trace.spec.ts exactly as a service's
 * main.ts starts (the kit's instrument first, then runService): `POST /api/v1/trace-probes`
 * records a drafted-submission event through the outbox, and a consumer group of the same
 * service handles it from the node's private topic.
 */
import '@naperj/service-kit/instrument';
import { EVENT_DATA_EXAMPLES, EVENT_TYPES, privateEventsTopic } from '@naperj/contracts';
import { type EventContext, EventPattern, EventStore, OutboxModule } from '@naperj/messaging';
import { outboxFromServiceConfig, Public, runService, type ServiceConfig } from '@naperj/service-kit';
import { Controller, HttpCode, Logger, Module, Post } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { ConfigService } from '@nestjs/config';
import { v7 as uuidv7 } from 'uuid';

const DRAFTED = EVENT_TYPES.submissionDrafted;

@Controller('trace-probes')
class TraceProbeController {
  private readonly topic: string;

  constructor(
    private readonly events: EventStore,
    config: ConfigService<ServiceConfig, true>,
  ) {
    this.topic = privateEventsTopic(config.get('country', { infer: true }), 'submissions');
  }

  @Public()
  @Post()
  @HttpCode(201)
  async create(): Promise<{ id: string }> {
    const id = uuidv7();
    await this.events.append({
      subject: id,
      version: 1,
      type: DRAFTED,
      deliveries: [{ topic: this.topic, dataclassification: 'internal', data: { ...EVENT_DATA_EXAMPLES[DRAFTED].private, id } }],
    });
    return { id };
  }
}

@Controller()
class TraceProbeHandler {
  private readonly logger = new Logger(TraceProbeHandler.name);

  @EventPattern(DRAFTED, { group: 'trace-probe', from: 'own' })
  handle(@Ctx() event: EventContext): void {
    this.logger.log(`handled ${event.id}`);
  }
}

@Module({
  imports: [OutboxModule.forRootAsync(outboxFromServiceConfig)],
  controllers: [TraceProbeController, TraceProbeHandler],
})
class TraceProbeModule {}

runService(TraceProbeModule, { service: 'submissions' });
