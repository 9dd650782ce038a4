import {
  dataClassification,
  EVENT_TYPES,
  type EventType,
  privateEventsTopic,
  type RemovalData,
  sharedTopic,
  toSharedData,
  validateEventData,
} from '@naperj/contracts';
import type { NewDelivery } from '@naperj/messaging';
import type { ExpertChange } from './expert.lifecycle';

/**
 * The Kafka messages that record a change: always the internal view (never the contact) on
 * the node's private topic; on `<cc>.shared.experts.v1` the public profile while the expert
 * consents to share it, and a withdrawal followed by a tombstone when the partners held it and
 * must erase it (a withdrawal, or `shareProfile` turned off by an update).
 */
export function deliveriesOf({ type, state, wasShared }: ExpertChange): NewDelivery[] {
  const removal: RemovalData = { id: state.id, country: state.country, version: state.version };
  const withdrawnFromPartners: NewDelivery = {
    topic: sharedTopic(state.country, 'experts'),
    type: EVENT_TYPES.expertWithdrawn,
    dataclassification: dataClassification(EVENT_TYPES.expertWithdrawn, 'shared'),
    data: checked(EVENT_TYPES.expertWithdrawn, 'shared', removal),
    tombstone: true,
  };
  const privately = (data: unknown): NewDelivery => ({
    topic: privateEventsTopic(state.country, 'expert-network'),
    dataclassification: dataClassification(type, 'private'),
    data: checked(type, 'private', data),
  });
  if (type === EVENT_TYPES.expertWithdrawn) return [privately(removal), ...(wasShared ? [withdrawnFromPartners] : [])];
  if (!state.consent.shareProfile) return [privately(state), ...(wasShared ? [withdrawnFromPartners] : [])];
  const shared = toSharedData(type, state);
  if (!shared.ok) throw new Error(`The public profile of ${state.id} is invalid: ${shared.errors.join('; ')}`);
  return [privately(state), { topic: sharedTopic(state.country, 'experts'), dataclassification: dataClassification(type, 'shared'), data: shared.value }];
}

/** Event data the contracts would refuse is a bug here, never something to publish. */
function checked(type: EventType, visibility: 'private' | 'shared', data: unknown): unknown {
  const validation = validateEventData(type, visibility, data);
  if (!validation.ok) throw new Error(`${type} (${visibility}) data is invalid: ${validation.errors.join('; ')}`);
  return validation.value;
}
