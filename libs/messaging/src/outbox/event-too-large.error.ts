/**
 * The largest event payload an append accepts, well under Kafka's default 1 MiB
 * `max.message.bytes` with headers and batch overhead: an event Kafka would reject forever
 * must be refused before it is recorded, or it would hold up the outbox behind it.
 */
export const MAX_EVENT_DATA_BYTES = 512 * 1024;

/** An append refused because one of its deliveries is too large to publish. */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';

  constructor(
    readonly subject: string,
    readonly bytes: number,
  ) {
    super(`The event of ${subject} has ${bytes} bytes of data; at most ${MAX_EVENT_DATA_BYTES} can be published`);
  }
}
