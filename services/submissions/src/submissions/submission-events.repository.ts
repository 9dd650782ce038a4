import { EVENT_TYPES, type SubmissionData } from '@naperj/contracts';
import { EventStore, type RecordedEvent } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import type { Submission } from './submission.lifecycle';

/**
 * Own submissions as their events record them: what commands decide on and what `GET` of an
 * own submission shows, so both read their writes. The catalog follows from the node's
 * private topic (its projection is the one path that writes it) and serves lists and peers.
 */
@Injectable()
export class SubmissionEventsRepository {
  constructor(private readonly events: EventStore) {}

  /** The submission's state after its latest event; undefined when the node never recorded it. */
  async current(id: string): Promise<Submission | undefined> {
    return stateAfter(await this.events.latest(id, 2));
  }
}

/**
 * The state after `latest`, newest first: a change's private view is the whole submission; a
 * withdrawal carries only its id and version, so the submission is the one before it, withdrawn.
 */
export function stateAfter([latest, before]: readonly RecordedEvent[]): Submission | undefined {
  if (!latest) return undefined;
  if (latest.type !== EVENT_TYPES.submissionWithdrawn) return privateView(latest);
  const previous = before && privateView(before);
  return previous && { ...previous, version: latest.version, status: 'withdrawn' };
}

/** Every event of a submission has its private view first (submission.deliveries.ts). */
function privateView(event: RecordedEvent): SubmissionData {
  return event.deliveries[0]!.data as SubmissionData;
}
