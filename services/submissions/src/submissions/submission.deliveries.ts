import { dataClassification, EVENT_TYPES, privateEventsTopic, type RemovalData, sharedTopic, toSharedData, validateEventData } from '@naperj/contracts';
import type { NewDelivery } from '@naperj/messaging';
import type { SubmissionChange } from './submission.lifecycle';

/**
 * The Kafka messages that record a change: always the full internal view on the node's
 * private topic; for a submission shared beyond the node (`sharing` ≠ `national`), its
 * shareable view on `<cc>.shared.submissions.v1` when published, and the withdrawal there,
 * followed by a tombstone, when withdrawn.
 */
export function deliveriesOf({ state, type }: SubmissionChange, reason?: string): NewDelivery[] {
  const crossesBorders = state.sharing !== 'national';
  if (type === EVENT_TYPES.submissionWithdrawn) {
    const removal: RemovalData = { id: state.id, country: state.country, version: state.version, ...(reason ? { reason } : {}) };
    return [
      {
        topic: privateEventsTopic(state.country, 'submissions'),
        dataclassification: dataClassification(type, 'private'),
        data: checked(type, 'private', removal),
      },
      ...(crossesBorders
        ? [
            {
              topic: sharedTopic(state.country, 'submissions'),
              dataclassification: dataClassification(type, 'shared', state.sharing),
              data: checked(type, 'shared', removal),
              tombstone: true,
            },
          ]
        : []),
    ];
  }
  const deliveries: NewDelivery[] = [
    { topic: privateEventsTopic(state.country, 'submissions'), dataclassification: dataClassification(type, 'private'), data: checked(type, 'private', state) },
  ];
  if (type === EVENT_TYPES.submissionPublished && crossesBorders) {
    const shared = toSharedData(type, state);
    if (!shared.ok) throw new Error(`The shareable view of ${state.id} is invalid: ${shared.errors.join('; ')}`);
    deliveries.push({
      topic: sharedTopic(state.country, 'submissions'),
      dataclassification: dataClassification(type, 'shared', state.sharing),
      data: shared.value,
    });
  }
  return deliveries;
}

/** Event data the contracts would refuse is a bug here, never something to publish. */
function checked(type: SubmissionChange['type'], visibility: 'private' | 'shared', data: unknown): unknown {
  const validation = validateEventData(type, visibility, data);
  if (!validation.ok) throw new Error(`${type} (${visibility}) data is invalid: ${validation.errors.join('; ')}`);
  return validation.value;
}
