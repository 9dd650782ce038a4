import { plainToInstance } from 'class-transformer';
import { IsBoolean, validateSync } from 'class-validator';
import { IsSuppressibleCount, K_ANONYMITY } from './k-anonymity';

class Cell {
  @IsSuppressibleCount('suppressed') count!: number | null;
  @IsBoolean() suppressed!: boolean;
}

function isValid(plain: object): boolean {
  return validateSync(plainToInstance(Cell, plain)).length === 0;
}

describe('suppressible counts', () => {
  it('is 5', () => {
    expect(K_ANONYMITY).toBe(5);
  });

  it.each([
    [{ count: 5, suppressed: false }, true],
    [{ count: 1200, suppressed: false }, true],
    [{ count: null, suppressed: true }, true],
    [{ count: 4, suppressed: false }, false],
    [{ count: 0, suppressed: false }, false],
    [{ count: 3, suppressed: true }, false],
    [{ count: 12, suppressed: true }, false],
    [{ count: null, suppressed: false }, false],
    [{ count: 5.5, suppressed: false }, false],
    [{ suppressed: true }, false],
  ])('%p is valid: %p', (cell, expected) => {
    expect(isValid(cell)).toBe(expected);
  });
});
