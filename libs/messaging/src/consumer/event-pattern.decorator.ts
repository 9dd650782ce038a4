import type { EventType } from '@naperj/contracts';
import { EventPattern as NestEventPattern } from '@nestjs/microservices';
import { DEAD_LETTER_RECORD } from './consumed-topic';
import type { EventHandlerOptions } from './event-handler.options';

/**
 * Nest's `@EventPattern`, with naperj's options checked by the compiler: the event type (or
 * types sharing a payload) from the contracts, the consumer group and where its events come
 * from. It exists because Nest types a single-pattern handler's arguments after the payload
 * as `unknown`, which refuses an `@Ctx() event: EventContext` parameter.
 */
export function EventPattern(type: EventType | readonly EventType[] | typeof DEAD_LETTER_RECORD, options: EventHandlerOptions): MethodDecorator {
  return NestEventPattern(typeof type === 'string' ? [type] : [...type], { ...options });
}
