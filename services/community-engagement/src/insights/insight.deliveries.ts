import { dataClassification, EVENT_TYPES, type InsightData, privateEventsTopic, sharedTopic, validateEventData } from '@naperj/contracts';
import type { NewDelivery } from '@naperj/messaging';

const TYPE = EVENT_TYPES.insightPublished;

/**
 * The messages that publish a version: the same k-suppressed insight on the node's private
 * topic and on `<cc>.shared.insights.v1`. Compaction keeps each insight's latest version there.
 */
export function deliveriesOf(insight: InsightData): NewDelivery[] {
  return [
    {
      topic: privateEventsTopic(insight.country, 'community-engagement'),
      dataclassification: dataClassification(TYPE, 'private'),
      data: checked('private', insight),
    },
    { topic: sharedTopic(insight.country, 'insights'), dataclassification: dataClassification(TYPE, 'shared'), data: checked('shared', insight) },
  ];
}

/** Data the contracts would refuse is a bug here, never something to publish. */
function checked(visibility: 'private' | 'shared', insight: InsightData): unknown {
  const validation = validateEventData(TYPE, visibility, insight);
  if (!validation.ok) throw new Error(`${TYPE} (${visibility}) data is invalid: ${validation.errors.join('; ')}`);
  return validation.value;
}
