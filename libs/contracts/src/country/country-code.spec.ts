import { COUNTRY_CODES, isCountryCode } from './country-code';

describe('country codes', () => {
  it('lists the three partner countries', () => {
    expect(COUNTRY_CODES).toEqual(['us', 'mx', 'ca']);
  });

  it.each(['us', 'mx', 'ca'])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each(['MX', 'br', '', ' mx', undefined, null, 52])('rejects %p', (value) => {
    expect(isCountryCode(value)).toBe(false);
  });
});
