import { EVENT_TYPES } from '@naperj/contracts';
import { type ErasureReceipt, erasureReceiptOf, erasureStatus } from './erasure.bookkeeping';

const ID = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const withdrawal = { version: 3, withdrawnAt: new Date('2026-11-02T10:00:00.000Z') };
const usReceipt: ErasureReceipt = { country: 'us', erasedAt: '2026-11-02T10:00:01.250Z', receivedAt: '2026-11-02T10:00:02.000Z' };

describe('erasureStatus', () => {
  it('lists the receipts with the time each partner took, and the partners still pending', () => {
    expect(erasureStatus(ID, withdrawal, [usReceipt], ['us', 'ca'])).toEqual({
      id: ID,
      withdrawnAt: '2026-11-02T10:00:00.000Z',
      version: 3,
      receipts: [{ ...usReceipt, tookMs: 1250 }],
      pending: ['ca'],
    });
  });

  it('has nothing pending once every peer confirmed', () => {
    const caReceipt: ErasureReceipt = { country: 'ca', erasedAt: '2026-11-02T10:00:00.500Z', receivedAt: '2026-11-02T10:00:03.000Z' };
    const status = erasureStatus(ID, withdrawal, [caReceipt, usReceipt], ['us', 'ca']);
    expect(status.pending).toEqual([]);
    expect(status.receipts.map(({ country, tookMs }) => [country, tookMs])).toEqual([
      ['us', 1250],
      ['ca', 500],
    ]);
  });

  it('leaves out receipts of countries that are not peers of the federation', () => {
    expect(erasureStatus(ID, withdrawal, [usReceipt], ['ca'])).toMatchObject({ receipts: [], pending: ['ca'] });
  });

  it('never reports a negative time, whatever the partner clock says', () => {
    const early = { ...usReceipt, erasedAt: '2026-11-02T09:59:59.000Z' };
    expect(erasureStatus(ID, withdrawal, [early], ['us']).receipts[0]!.tookMs).toBe(0);
  });
});

describe('erasureReceiptOf', () => {
  it("names the partner's profile and withdrawal version, as subject and version too, on the eraser's topics", () => {
    const receipt = erasureReceiptOf('ca', { id: ID, country: 'mx', version: 3, reason: 'Consent withdrawn.' });
    expect(receipt).toMatchObject({ subject: ID, version: 3, type: EVENT_TYPES.expertErased });
    expect(receipt.deliveries.map(({ topic, tombstone }) => [topic, tombstone ?? false])).toEqual([
      ['ca.expert-network.events.v1', false],
      ['ca.shared.experts.v1', true],
    ]);
    for (const delivery of receipt.deliveries) expect(delivery.data).toEqual({ id: ID, country: 'mx', version: 3 });
  });
});
