import { dataClassification, privateEventsTopic, sharedTopic, toSharedData, validateEventData } from '@naperj/contracts';
import type { NewDelivery } from '@naperj/messaging';
import type { ExchangeChange, ResponseChange } from './exchange.lifecycle';

/**
 * The Kafka messages that record a change of an exchange or an answer: the full internal
 * view on the node's private topic, and the shareable view (no accounts) on
 * `<cc>.shared.exchanges.v1`, which every partner reads: a request reaches the invited
 * countries, an answer travels back to the asking node.
 */
export function deliveriesOf({ type, state }: ExchangeChange | ResponseChange): NewDelivery[] {
  const internal = validateEventData(type, 'private', state);
  if (!internal.ok) throw new Error(`${type} (private) data is invalid: ${internal.errors.join('; ')}`);
  // Event data the contracts would refuse is a bug here, never something to publish.
  const shared = toSharedData(type, state);
  if (!shared.ok) throw new Error(`The shareable view of ${state.id} is invalid: ${shared.errors.join('; ')}`);
  return [
    { topic: privateEventsTopic(state.country, 'expert-network'), dataclassification: dataClassification(type, 'private'), data: internal.value },
    { topic: sharedTopic(state.country, 'exchanges'), dataclassification: dataClassification(type, 'shared'), data: shared.value },
  ];
}
