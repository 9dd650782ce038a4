import { median } from './median';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([7])).toBe(7);
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
  });

  it('is null for no value', () => {
    expect(median([])).toBeNull();
  });
});
