import { startPositions } from './start-positions';

const ranges = new Map([
  [
    'mx.shared.submissions.v1',
    [
      { low: 0, high: 10 },
      { low: 4, high: 4 },
      { low: 2, high: 9 },
    ],
  ],
  ['us.shared.heartbeats.v1', [{ low: 500, high: 900 }]],
]);

describe('where a stream starts', () => {
  it('starts at the end of every partition without a cursor', () => {
    expect(startPositions(ranges)).toEqual(
      new Map([
        ['mx.shared.submissions.v1', [10, 4, 9]],
        ['us.shared.heartbeats.v1', [900]],
      ]),
    );
  });

  it('resumes where the cursor left off', () => {
    const cursor = new Map([
      ['mx.shared.submissions.v1', [7, 4, 3]],
      ['us.shared.heartbeats.v1', [880]],
    ]);
    expect(startPositions(ranges, cursor)).toEqual(cursor);
  });

  it('keeps within what each partition still holds', () => {
    const cursor = new Map([
      ['mx.shared.submissions.v1', [7, 4, 30]],
      ['us.shared.heartbeats.v1', [12]],
    ]);
    expect(startPositions(ranges, cursor)).toEqual(
      new Map([
        ['mx.shared.submissions.v1', [7, 4, 9]],
        ['us.shared.heartbeats.v1', [500]],
      ]),
    );
  });

  it('reads from their beginning the topics and partitions the cursor does not name, and ignores topics no longer read', () => {
    const cursor = new Map([
      ['mx.shared.submissions.v1', [7, 4]],
      ['br.shared.submissions.v1', [3]],
    ]);
    expect(startPositions(ranges, cursor)).toEqual(
      new Map([
        ['mx.shared.submissions.v1', [7, 4, 2]],
        ['us.shared.heartbeats.v1', [500]],
      ]),
    );
  });
});
