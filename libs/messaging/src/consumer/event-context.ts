import type { CountryCode, DataClassification, EventVisibility } from '@naperj/contracts';
import { RpcException } from '@nestjs/microservices';

/** What an event handler's `@Ctx()` receives beside the payload: the envelope and where the event was read. */
export interface EventContext {
  /** `ce_id`, a UUIDv7. */
  id: string;
  /** `ce_type`, e.g. `org.naperj.submission.published.v1`. */
  type: string;
  /** The country whose node published the event; on shared topics its signature proved it. */
  source: CountryCode;
  /** `ce_subject`: the entity's id, also the Kafka key. */
  subject: string;
  /** The entity's version the event carries, when its payload has one. */
  version: number | undefined;
  /** `ce_time`, RFC 3339 UTC. */
  time: string;
  classification: DataClassification;
  topic: string;
  visibility: EventVisibility;
  partition: number;
  offset: string;
  /** The Kafka consumer group: `<cc>.<service>.<group>`, with `-<instance>` for a group started on demand. */
  groupId: string;
  /** The instance a group started on demand runs as, e.g. a read-model generation. */
  instance: string | undefined;
  /** 1 on the first try of this delivery, higher on retries after an error. */
  attempt: number;
}

/** How a rejection travels through Nest's exception filters: as the `RpcException`'s error. */
export interface EventRejection {
  rejected: true;
  reason: string;
}

/**
 * Thrown by a handler for an event that must never be applied, e.g. one older than the
 * version already applied: it goes to the dead-letter topic at once, without retries. An
 * `RpcException`, so even Nest's default filter hands it back as a rejection.
 */
export class RejectEvent extends RpcException {
  override readonly name = 'RejectEvent';

  constructor(readonly reason: string) {
    super({ rejected: true, reason } satisfies EventRejection);
  }
}

/** The rejection an exception filter turned an error into, if it is one. */
export function rejectionOf(error: unknown): EventRejection | undefined {
  if (error instanceof RejectEvent) return { rejected: true, reason: error.reason };
  const candidate = error as Partial<EventRejection> | null;
  return typeof candidate === 'object' && candidate?.rejected === true && typeof candidate.reason === 'string'
    ? { rejected: true, reason: candidate.reason }
    : undefined;
}
