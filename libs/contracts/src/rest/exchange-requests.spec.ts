import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CloseExchangeRequest } from './exchange-requests';

const violations = (plain: object) => validateSync(plainToInstance(CloseExchangeRequest, plain), { whitelist: true, forbidNonWhitelisted: true });

describe('exchange REST requests', () => {
  it('closes with or without an outcome, but refuses an outcome given as null', () => {
    expect(violations({})).toEqual([]);
    expect(violations({ outcome: { kind: 'submission', submissionId: '01a24f45-3059-70ae-adf1-7a39d2fd7caa' } })).toEqual([]);
    expect(violations({ outcome: null })).not.toEqual([]);
  });
});
