export const COUNTRY_CODES = ['us', 'mx', 'ca'] as const;

export type CountryCode = (typeof COUNTRY_CODES)[number];

export function isCountryCode(value: unknown): value is CountryCode {
  return COUNTRY_CODES.includes(value as CountryCode);
}
