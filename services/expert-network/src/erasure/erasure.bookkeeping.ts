import { type CountryCode, dataClassification, EVENT_TYPES, privateEventsTopic, type RemovalData, sharedTopic, validateEventData } from '@naperj/contracts';
import type { NewEvent } from '@naperj/messaging';

/** A partner's confirmation that it erased its copy of an own expert's profile. */
export interface ErasureReceipt {
  country: CountryCode;
  /** When the partner erased it: the receipt's `ce_time`. */
  erasedAt: string;
  /** When this node read the receipt. */
  receivedAt: string;
}

export interface ErasureStatus {
  id: string;
  withdrawnAt: string;
  /** The version whose withdrawal the partners confirm. */
  version: number;
  receipts: (ErasureReceipt & { tookMs: number })[];
  /** Partners of the federation that have not confirmed yet. */
  pending: CountryCode[];
}

/**
 * Which partners confirmed the erasure of the withdrawal at `version`, and how long each took
 * from the withdrawal to its erasure; the others are pending. Receipts of countries outside the
 * federation's peers are left out.
 */
export function erasureStatus(
  id: string,
  withdrawal: { version: number; withdrawnAt: Date },
  receipts: readonly ErasureReceipt[],
  peers: readonly CountryCode[],
): ErasureStatus {
  const confirmed = peers.flatMap((country) => receipts.find((receipt) => receipt.country === country) ?? []);
  return {
    id,
    withdrawnAt: withdrawal.withdrawnAt.toISOString(),
    version: withdrawal.version,
    receipts: confirmed.map((receipt) => ({ ...receipt, tookMs: Math.max(0, Date.parse(receipt.erasedAt) - withdrawal.withdrawnAt.getTime()) })),
    pending: peers.filter((country) => !confirmed.some((receipt) => receipt.country === country)),
  };
}

/**
 * The receipt this node records for a partner's withdrawal it applied: an `expert.erased`
 * naming the partner's profile (its id, its country, the withdrawal's version), on this node's
 * private topic and on its shared experts topic, where the origin reads it. Its subject is the
 * partner's profile id (the transport checks that `data.id` is the subject), and its version the
 * withdrawal's: the event store's unique (subject, version) makes it one receipt per withdrawal,
 * however often the withdrawal is delivered.
 */
export function erasureReceiptOf(eraser: CountryCode, { id, country, version }: RemovalData): NewEvent {
  const type = EVENT_TYPES.expertErased;
  const data = { id, country, version };
  for (const visibility of ['private', 'shared'] as const) {
    const validation = validateEventData(type, visibility, data);
    if (!validation.ok) throw new Error(`${type} (${visibility}) data is invalid: ${validation.errors.join('; ')}`);
  }
  return {
    subject: id,
    version,
    type,
    deliveries: [
      { topic: privateEventsTopic(eraser, 'expert-network'), dataclassification: dataClassification(type, 'private'), data },
      { topic: sharedTopic(eraser, 'experts'), dataclassification: dataClassification(type, 'shared'), data, tombstone: true },
    ],
  };
}
