import { erasureRows, type ReceiptRecord, type WithdrawalRecord } from './erasure-indicators';

const withdrawal = (origin: WithdrawalRecord['origin'], id: string, version: number, at: string): WithdrawalRecord => ({
  origin,
  profile: `${origin}:${id}`,
  version,
  at,
});
const receipt = (eraser: ReceiptRecord['eraser'], of: WithdrawalRecord, at: string, version = of.version): ReceiptRecord => ({ ...of, version, eraser, at });

describe('erasureRows', () => {
  const first = withdrawal('mx', 'a', 3, '2026-11-01T10:00:00.000Z');
  const second = withdrawal('mx', 'b', 2, '2026-11-01T10:00:00.000Z');
  const ofCanada = withdrawal('ca', 'c', 5, '2026-11-01T10:00:00.000Z');

  it('counts per origin its withdrawals and, per other country, receipts, pending ones and the median time to confirm', () => {
    const rows = erasureRows(
      [first, second, ofCanada],
      [
        receipt('us', first, '2026-11-01T10:00:04.000Z'),
        receipt('us', second, '2026-11-01T10:00:08.000Z'),
        receipt('ca', first, '2026-11-01T10:01:00.000Z'),
        // The node's own receipt for a partner's profile.
        receipt('mx', ofCanada, '2026-11-01T10:00:02.000Z'),
      ],
      ['mx', 'us', 'ca'],
    );
    expect(rows).toEqual([
      {
        country: 'mx',
        withdrawals: 2,
        partners: [
          { country: 'us', receipts: 2, pending: 0, medianSecondsToReceipt: 6 },
          { country: 'ca', receipts: 1, pending: 1, medianSecondsToReceipt: 60 },
        ],
      },
      {
        country: 'us',
        withdrawals: 0,
        partners: [
          { country: 'mx', receipts: 0, pending: 0, medianSecondsToReceipt: null },
          { country: 'ca', receipts: 0, pending: 0, medianSecondsToReceipt: null },
        ],
      },
      {
        country: 'ca',
        withdrawals: 1,
        partners: [
          { country: 'mx', receipts: 1, pending: 0, medianSecondsToReceipt: 2 },
          { country: 'us', receipts: 0, pending: 1, medianSecondsToReceipt: null },
        ],
      },
    ]);
  });

  it('takes a receipt of a later withdrawal of the profile as confirming an earlier one, never an earlier receipt for a later one', () => {
    const again = withdrawal('mx', 'a', 5, '2026-11-02T10:00:00.000Z');
    const [row] = erasureRows(
      [first, again],
      [receipt('us', first, '2026-11-01T10:00:04.000Z'), receipt('ca', again, '2026-11-02T10:00:10.000Z')],
      ['mx', 'us', 'ca'],
    );
    expect(row!.partners).toEqual([
      { country: 'us', receipts: 1, pending: 1, medianSecondsToReceipt: 4 },
      // The later receipt confirms both; the first waited a day and ten seconds.
      { country: 'ca', receipts: 1, pending: 0, medianSecondsToReceipt: (86_410 + 10) / 2 },
    ]);
  });
});
