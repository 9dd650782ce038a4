import { exchangeRows, type ExchangeRecord } from './exchange-indicators';

const exchange = (country: ExchangeRecord['country'], id: string, status: ExchangeRecord['status'], createdAt: string): ExchangeRecord => ({
  _id: `${country}:${id}`,
  country,
  version: status === 'open' ? 1 : 2,
  status,
  createdAt,
});

describe('exchangeRows', () => {
  const exchanges = [
    exchange('ca', 'a', 'open', '2026-11-01T10:00:00.000Z'),
    exchange('ca', 'b', 'closed', '2026-11-01T10:00:00.000Z'),
    exchange('ca', 'c', 'open', '2026-11-01T10:00:00.000Z'),
    exchange('ca', 'd', 'open', '2026-11-01T10:00:00.000Z'),
    exchange('mx', 'a', 'open', '2026-11-02T00:00:00.000Z'),
  ];

  it('counts each country’s exchanges by status and those answered, with the median time to the first answer', () => {
    const rows = exchangeRows(
      exchanges,
      [
        // ca:a answered from two partitions: the earlier answer is the first.
        { exchange: 'ca:a', answeredAt: '2026-11-01T12:00:00.000Z' },
        { exchange: 'ca:a', answeredAt: '2026-11-01T11:00:00.000Z' },
        { exchange: 'ca:b', answeredAt: '2026-11-01T13:00:00.000Z' },
        { exchange: 'ca:c', answeredAt: '2026-11-01T10:30:00.000Z' },
        // An answer to an exchange not read yet counts for nothing.
        { exchange: 'us:z', answeredAt: '2026-11-01T10:30:00.000Z' },
      ],
      ['us', 'ca', 'mx'],
    );
    expect(rows).toEqual([
      { country: 'us', total: 0, open: 0, closed: 0, answered: 0, medianSecondsToFirstAnswer: null },
      { country: 'ca', total: 4, open: 3, closed: 1, answered: 3, medianSecondsToFirstAnswer: 3600 },
      { country: 'mx', total: 1, open: 1, closed: 0, answered: 0, medianSecondsToFirstAnswer: null },
    ]);
  });

  it('counts an answer dated before its request, by another node’s clock, as immediate', () => {
    const [row] = exchangeRows(
      exchanges.slice(0, 2),
      [
        { exchange: 'ca:a', answeredAt: '2026-11-01T09:59:58.000Z' },
        { exchange: 'ca:b', answeredAt: '2026-11-01T10:00:10.000Z' },
      ],
      ['ca'],
    );
    expect(row!.medianSecondsToFirstAnswer).toBe(5);
  });
});
