import type { KafkaEventServer, RunningConsumerGroup } from '@naperj/messaging';
import { INDICATORS_GROUP } from '../indicators/indicator-projection.options';

/** Starts the group that writes `generation` of the read models, at the offsets it committed last. */
export function startGeneration(events: KafkaEventServer, generation: string): Promise<RunningConsumerGroup> {
  return events.startGroup(INDICATORS_GROUP, { instance: generation });
}

/** The Kafka group id of a generation's group. */
export function generationGroupId(events: KafkaEventServer, generation: string): string {
  return events.groupId(INDICATORS_GROUP, generation);
}

/** The topics a generation is built from, on this node. */
export function generationTopics(events: KafkaEventServer): string[] {
  return events.topicsOf(INDICATORS_GROUP);
}
