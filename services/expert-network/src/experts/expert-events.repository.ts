import { EVENT_TYPES, type ExpertData } from '@naperj/contracts';
import { EventStore, type RecordedEvent } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import type { Expert } from './expert.lifecycle';

/** When the partners were last told to erase an expert's profile, and at which version. */
export interface PartnerWithdrawal {
  version: number;
  withdrawnAt: Date;
}

const EXPERT_EVENT_TYPES: readonly string[] = [EVENT_TYPES.expertRegistered, EVENT_TYPES.expertUpdated, EVENT_TYPES.expertWithdrawn];

/**
 * Own experts as their events record them: what commands decide on and what `GET` of an own
 * expert shows, so both read their writes. The directory follows from the private topic.
 */
@Injectable()
export class ExpertEventsRepository {
  constructor(private readonly events: EventStore) {}

  /** The expert's state after its latest event; undefined when the node never registered it. */
  async current(id: string): Promise<Expert | undefined> {
    return stateAfter(await this.events.latest(id, 2));
  }

  /** The latest change that withdrew the profile from the partners; undefined when none did. */
  async lastPartnerWithdrawal(id: string): Promise<PartnerWithdrawal | undefined> {
    const events = await this.events.eventsOf(id);
    const withdrawal = events.findLast(
      (event) =>
        EXPERT_EVENT_TYPES.includes(event.type) && event.deliveries.some((delivery) => delivery.type === EVENT_TYPES.expertWithdrawn && delivery.tombstone),
    );
    return withdrawal && { version: withdrawal.version, withdrawnAt: withdrawal.recordedAt };
  }
}

/**
 * The state after `latest`, newest first: a change's private view is the whole profile; a
 * withdrawal carries only its id and version, so the profile is the one before it, withdrawn.
 * Events of other types under the subject (none of an own expert's) leave no expert.
 */
export function stateAfter([latest, before]: readonly RecordedEvent[]): Expert | undefined {
  if (!latest || !EXPERT_EVENT_TYPES.includes(latest.type)) return undefined;
  if (latest.type !== EVENT_TYPES.expertWithdrawn) return { data: privateView(latest), withdrawn: false };
  const previous = before && privateView(before);
  return previous && { data: { ...previous, version: latest.version }, withdrawn: true };
}

/** Every event of an expert has its private view first (expert.deliveries.ts). */
function privateView(event: RecordedEvent): ExpertData {
  return event.deliveries[0]!.data as ExpertData;
}
