import { partitionLag } from './consumer-lag';

describe('partitionLag', () => {
  it('counts what lies between the committed offset and the end', () => {
    expect(partitionLag({ low: '0', high: '10', committed: '4' })).toBe(6n);
    expect(partitionLag({ low: '0', high: '10', committed: '10' })).toBe(0n);
  });

  it('reads a group that committed nothing from the first offset kept', () => {
    expect(partitionLag({ low: '0', high: '0', committed: '-1' })).toBe(0n);
    expect(partitionLag({ low: '7', high: '12', committed: '-1' })).toBe(5n);
  });

  it('ignores what retention already deleted', () => {
    expect(partitionLag({ low: '50', high: '60', committed: '20' })).toBe(10n);
  });
});
