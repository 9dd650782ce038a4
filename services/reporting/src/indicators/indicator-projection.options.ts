/**
 * The consumer group that writes the indicators: started on demand, one instance per
 * read-model generation (`<cc>.reporting.indicators-<generation>`), so a rebuild reads every
 * topic from its start in a group of its own, and the live service takes the group over, at
 * the offsets the rebuild committed, when it switches to that generation. Expert-network's and
 * community-engagement's indicators join it with projections of their own; a rebuild then
 * fills them from the start.
 */
export const INDICATORS_GROUP = 'indicators';

export const FROM_OWN_TOPICS = { group: INDICATORS_GROUP, from: 'own', start: 'on-demand' } as const;
export const FROM_PEER_TOPICS = { group: INDICATORS_GROUP, from: 'shared', start: 'on-demand' } as const;
