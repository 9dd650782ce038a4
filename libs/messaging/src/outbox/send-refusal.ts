/**
 * The broker's answers that refuse the records themselves, so no retry can ever succeed:
 * too large for the topic, or not a valid record. Anything else (unreachable, not leader,
 * fenced, unknown topic while it is being created) is an outage to wait out.
 */
const REFUSALS: ReadonlySet<string> = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);

const FENCED: ReadonlySet<string> = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

/** The refusal `error` carries, as kafkajs wraps it in its retry errors; undefined for any other failure. */
export function sendRefusal(error: unknown): string | undefined {
  const refused = causeOfType(error, REFUSALS);
  return refused && `${refused.type}: ${refused.message}`;
}

/** A newer producer of the same transactional id took over: this one may send nothing more. */
export function isFenced(error: unknown): boolean {
  return causeOfType(error, FENCED) !== undefined;
}

/** The first error of `error`'s cause chain (kafkajs wraps protocol errors) whose broker error type is one of `types`. */
function causeOfType(error: unknown, types: ReadonlySet<string>): { type: string; message: string } | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string' && types.has(type)) return { type, message: cause.message };
  }
  return undefined;
}
