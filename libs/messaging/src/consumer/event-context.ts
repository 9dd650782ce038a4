import type { CountryCode, EventVisibility } from '@naperj/contracts';
import type { CloudEvent } from '../envelope/cloud-event';

/** Where and how an event handler's event was delivered. */
export interface EventContext {
  /** The consumer group: `<cc>.<service>.<group>`. */
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  /** The country whose node published the event; on shared topics its signature proved it. */
  origin: CountryCode;
  visibility: EventVisibility;
  /** 1 on the first try of this delivery, higher on retries after an error. */
  attempt: number;
}

/**
 * A method decorated with `@OnEvent`. It must be idempotent: an event can be delivered again
 * after a crash between its effect and the ledger entry, so a projection applies an event
 * only when its `version` is newer than the one stored, and treats the same version as
 * already applied.
 */
export type EventHandler<T = unknown> = (event: CloudEvent<T>, context: EventContext) => Promise<void> | void;

/**
 * Thrown by a handler for an event that must never be applied, e.g. one older than the
 * version already applied: it goes to the DLQ at once, without retries.
 */
export class RejectEvent extends Error {
  override readonly name = 'RejectEvent';

  constructor(readonly reason: string) {
    super(reason);
  }
}
