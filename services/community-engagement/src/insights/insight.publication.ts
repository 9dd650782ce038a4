import { K_ANONYMITY } from '@naperj/contracts';

/**
 * A consultation's contributions that consented to anonymized sharing: how many ever arrived,
 * and how many of those were hidden or erased since. Both only grow.
 */
export interface ConsentedArrivals {
  arrived: number;
  departed: number;
}

/** The latest published version of a consultation's insight. */
export interface LastPublication {
  version: number;
  /** It was published after the consultation closed. */
  closed: boolean;
  /** The arrivals it was computed from; unknown when the node stopped between its publication and recording them. */
  basis?: ConsentedArrivals;
}

export type PublicationReason = 'arrivals' | 'departures' | 'closed';

/**
 * Why a new version of the insight is due now, or undefined (docs/architecture.md, REST:
 * community-engagement). A version follows the close of the consultation (once, and only if
 * a consented contribution ever arrived), or k consented
 * contributions arrived since the last one, or k of those counted left it (hidden or
 * erased): a single withdrawal or hide never publishes a version by itself, so no two
 * versions differ by one person; it is folded into the next one. With the basis of the last
 * version unknown, nothing is due: the caller takes the present as its basis, which can only
 * delay the next version.
 */
export function publicationDue(
  consultationClosed: boolean,
  now: ConsentedArrivals,
  last: LastPublication | undefined,
  k: number = K_ANONYMITY,
): PublicationReason | undefined {
  const basis = last ? last.basis : { arrived: 0, departed: 0 };
  if (!basis) return undefined;
  // A consultation closed before anyone consented to be counted (one cancelled before it opened) has nothing to tell.
  if (consultationClosed && !last?.closed && (last || now.arrived > 0)) return 'closed';
  if (now.arrived - basis.arrived >= k) return 'arrivals';
  if (now.departed - basis.departed >= k) return 'departures';
  return undefined;
}
