/**
 * Errors that say the database cannot be reached, not that the event is bad. An event whose
 * handler meets one is retried until the database answers instead of being dead-lettered:
 * an outage must not send every event of the moment to the DLQ.
 */
const OUTAGE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

export function isInfrastructureOutage(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (OUTAGE_ERRORS.has(current.name)) return true;
  }
  return false;
}

/** An error of the consumer's own storage (ledger, DLQ): always retried, never the event's fault. */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';

  constructor(what: string, cause: unknown) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
