import type { Subscription } from '@naperj/messaging';
import type { IndicatorStore } from './indicator.store';
import { OwnSubmissionIndicatorsProjection } from './own-submission-indicators.projection';
import { PeerSubmissionIndicatorsProjection } from './peer-submission-indicators.projection';

/**
 * What the indicators are built from: the node's private submissions topic and every
 * partner's shared submissions topic. Expert-network's and community-engagement's indicators
 * join here, a subscription and a projection each; a rebuild then fills them from the start.
 */
export const INDICATOR_SUBSCRIPTIONS: readonly Subscription[] = [{ private: 'submissions' }, { shared: 'submissions' }];

/** The projections of one generation, writing into its store. */
export function indicatorProjections(store: IndicatorStore): object[] {
  return [new OwnSubmissionIndicatorsProjection(store), new PeerSubmissionIndicatorsProjection(store)];
}
