import { InfrastructureError, isInfrastructureOutage } from './infrastructure-outage';

function named(name: string, cause?: unknown): Error {
  const error = new Error(`a ${name}`, { cause });
  error.name = name;
  return error;
}

describe('isInfrastructureOutage', () => {
  it.each(['MongoServerSelectionError', 'MongooseServerSelectionError', 'MongoNetworkError', 'MongoPoolClearedError'])('recognises %s', (name) => {
    expect(isInfrastructureOutage(named(name))).toBe(true);
  });

  it('looks through the causes of a wrapping error', () => {
    expect(isInfrastructureOutage(new Error('projection failed', { cause: named('MongoNetworkTimeoutError') }))).toBe(true);
  });

  it('treats other errors as failures of the event', () => {
    expect(isInfrastructureOutage(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isInfrastructureOutage(named('MongoServerError'))).toBe(false);
    expect(isInfrastructureOutage('not an error')).toBe(false);
  });
});

describe('InfrastructureError', () => {
  it('names what failed and keeps the cause', () => {
    const cause = named('MongoServerError');
    expect(new InfrastructureError('ledger lookup failed', cause)).toMatchObject({
      name: 'InfrastructureError',
      message: 'ledger lookup failed: a MongoServerError',
      cause,
    });
  });
});
