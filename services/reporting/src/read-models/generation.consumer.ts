import { type EventConsumerGroups, type StartedConsumerGroup, subscribedTopics, type TopicScope } from '@naperj/messaging';
import type { Connection } from 'mongoose';
import { INDICATOR_SUBSCRIPTIONS, indicatorProjections } from '../indicators/indicator-projections';
import { IndicatorStore } from '../indicators/indicator.store';

/**
 * The consumer group that writes one generation of the read models: named after it, so a
 * rebuild reads every topic from its start in a group of its own, and the live service takes
 * the group over, at the offsets the rebuild committed, when it switches to that generation.
 */
export function generationGroup(generation: string): string {
  return `indicators-${generation}`;
}

export function startGenerationConsumer(groups: EventConsumerGroups, connection: Connection, generation: string): StartedConsumerGroup {
  return groups.start({ group: generationGroup(generation), subscriptions: INDICATOR_SUBSCRIPTIONS, handlers: indicatorProjections(new IndicatorStore(connection, generation)) });
}

/** The topics a generation is built from, on this node. */
export function generationTopics(scope: TopicScope): string[] {
  return subscribedTopics(INDICATOR_SUBSCRIPTIONS, scope).map(({ name }) => name);
}
