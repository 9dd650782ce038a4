import { EVENT_TYPES, RemovalData } from '@naperj/contracts';
import { createKafka, type EventContext, EventExceptionFilter, EventPattern, KafkaEventServer } from '@naperj/messaging';
import {
  BadRequestException,
  type CallHandler,
  Controller,
  type ExecutionContext,
  type INestMicroservice,
  Injectable,
  type NestInterceptor,
  type PipeTransform,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { Registry } from 'prom-client';
import { TEST_KAFKA_BROKERS } from '../engines/engines-cli';
import { ConsumerTestBed, newSubject, waitFor } from './consumer-test-bed';

jest.setTimeout(60_000);

const received: { data: unknown; event: EventContext }[] = [];
const intercepted: string[] = [];

/** Refuses withdrawals below version 2, as a validation pipe refuses a payload; a method's pipes see the context too. */
@Injectable()
class FromVersionTwoPipe implements PipeTransform {
  transform<T>(value: T): T {
    if (value instanceof RemovalData && value.version < 2) throw new BadRequestException(`version must be at least 2, got ${value.version}`);
    return value;
  }
}

/** Records every event it sees through Nest's RPC context, before the pipes run. */
@Injectable()
class RecordingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    intercepted.push(context.switchToRpc().getContext<EventContext>().id);
    return next.handle();
  }
}

@Controller()
class PipedHandler {
  @EventPattern(EVENT_TYPES.submissionWithdrawn, { group: 'piped', from: 'shared' })
  @UseInterceptors(RecordingInterceptor)
  @UsePipes(FromVersionTwoPipe)
  handle(@Payload() data: RemovalData, @Ctx() event: EventContext): void {
    received.push({ data, event });
  }
}

describe('event transport: @EventPattern handlers under Nest (real Kafka and FerretDB)', () => {
  let bed: ConsumerTestBed;
  let app: INestMicroservice;
  let server: KafkaEventServer;

  beforeAll(async () => {
    bed = await ConsumerTestBed.create();
    server = new KafkaEventServer({
      country: 'mx',
      service: 'submissions',
      peers: ['us', 'ca'],
      kafka: createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `event-pattern-${bed.id}`, log: () => undefined }),
      connection: bed.connection,
      trust: bed.trust,
      registry: new Registry(),
      deadLetterTopic: bed.topics.dlq,
      topics: { piped: [bed.topics.shared] },
    });
    app = await NestFactory.createMicroservice({ module: class PipedModule {}, controllers: [PipedHandler] }, { strategy: server, logger: ['error'] });
    app.useGlobalFilters(new EventExceptionFilter());
    await app.listen();
    await (await server.group('piped')).whenRunning();
  });

  afterAll(async () => {
    await app?.close();
    await bed?.close();
  });

  it('hands a handler its typed payload and context, runs its interceptor and pipe, and dead-letters what the pipe refuses while the partition moves on', async () => {
    const subject = newSubject();
    const refused = bed.withdrawal(subject, 1);
    const accepted = bed.withdrawal(subject, 2);
    // One subject, one partition: the refused event comes first.
    await bed.send(bed.topics.shared.name, bed.signed(refused), bed.signed(accepted));

    await waitFor(() => received.some(({ event }) => event.id === accepted.id), 'the accepted event');
    const { data, event } = received.find((each) => each.event.id === accepted.id)!;
    expect(data).toBeInstanceOf(RemovalData);
    expect(data).toEqual({ id: subject, country: 'us', version: 2 });
    expect(event).toMatchObject({
      id: accepted.id,
      type: accepted.type,
      source: 'us',
      subject,
      version: 2,
      time: accepted.time,
      classification: 'public',
      topic: bed.topics.shared.name,
      visibility: 'shared',
      groupId: 'mx.submissions.piped',
      attempt: 1,
    });
    expect(event.partition).toEqual(expect.any(Number));
    expect(event.offset).toMatch(/^\d+$/);
    expect(received.map((each) => each.event.id)).not.toContain(refused.id);
    expect(intercepted).toEqual(expect.arrayContaining([refused.id, accepted.id]));

    const [letter] = await bed.deadLetters(1);
    expect(letter!.headers).toMatchObject({
      ce_id: refused.id,
      dlq_reason_kind: 'rejected',
      dlq_reason: 'version must be at least 2, got 1',
      dlq_group: 'mx.submissions.piped',
      dlq_source_topic: bed.topics.shared.name,
    });
  });
});
