import type { CountryCode } from '@naperj/contracts';
import { median } from './median';

/** A withdrawal of a shared profile, as its origin's shared topic carried it: every partner must erase its copy. */
export interface WithdrawalRecord {
  origin: CountryCode;
  /** `<origin>:<id>`. */
  profile: string;
  version: number;
  /** When the origin recorded it (`ce_time`). */
  at: string;
}

/** An erasure receipt: `eraser` erased its copy of `profile`, as of the withdrawal `version`. */
export interface ReceiptRecord extends WithdrawalRecord {
  eraser: CountryCode;
}

export interface ErasurePartnerRow {
  /** The partner that erases its copies. */
  country: CountryCode;
  /** Receipts received from it for the origin's profiles. */
  receipts: number;
  /** Withdrawals of the origin it has not confirmed yet. */
  pending: number;
  /** From a withdrawal to the partner's receipt, across those confirmed; null when none is. */
  medianSecondsToReceipt: number | null;
}

/** The withdrawals of one origin country's shared profiles and their receipts, per partner. */
export interface ErasureIndicatorRow {
  country: CountryCode;
  withdrawals: number;
  partners: ErasurePartnerRow[];
}

/**
 * One row per origin country. A partner confirms a withdrawal with a receipt for the same
 * profile at that version or a later one (a partner that was cut off may only have seen the
 * later withdrawal); a receipt whose withdrawal this node has not seen still counts as received.
 */
export function erasureRows(
  withdrawals: readonly WithdrawalRecord[],
  receipts: readonly ReceiptRecord[],
  countries: readonly CountryCode[],
): ErasureIndicatorRow[] {
  return countries.map((origin) => {
    const withdrawn = withdrawals.filter((withdrawal) => withdrawal.origin === origin);
    return {
      country: origin,
      withdrawals: withdrawn.length,
      partners: countries
        .filter((eraser) => eraser !== origin)
        .map((eraser) => {
          const received = receipts.filter((receipt) => receipt.origin === origin && receipt.eraser === eraser);
          const waits = withdrawn.flatMap(({ profile, version, at }) => {
            const confirming = received.filter((receipt) => receipt.profile === profile && receipt.version >= version).map((receipt) => Date.parse(receipt.at));
            return confirming.length === 0 ? [] : [Math.max(0, Math.min(...confirming) - Date.parse(at)) / 1000];
          });
          const wait = median(waits);
          return {
            country: eraser,
            receipts: received.length,
            pending: withdrawn.length - waits.length,
            medianSecondsToReceipt: wait === null ? null : Math.round(wait),
          };
        }),
    };
  });
}
