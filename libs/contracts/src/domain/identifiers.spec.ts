import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { v4, v7 } from 'uuid';
import { isEntityId, IsThemeKey, IsUserId } from './identifiers';

describe('entity ids', () => {
  it('accepts UUIDv7 as the uuid package makes them', () => {
    expect(isEntityId(v7())).toBe(true);
  });

  it.each([
    ['a UUIDv4', v4()],
    ['upper case', v7().toUpperCase()],
    ['braces', `{${v7()}}`],
    ['a number', 42],
    ['empty', ''],
  ])('rejects %s', (_case, value) => {
    expect(isEntityId(value)).toBe(false);
  });
});

class Tagged {
  @IsThemeKey() theme!: string;
  @IsUserId() userId!: string;
}

function errorProperties(plain: object): string[] {
  return validateSync(plainToInstance(Tagged, plain)).map((error) => error.property);
}

describe('theme keys and user ids', () => {
  it('accepts a hyphenated key and an opaque account id', () => {
    expect(errorProperties({ theme: 'language-barriers', userId: 'dev-mx-imss-bienestar' })).toEqual([]);
    expect(errorProperties({ theme: 'distance2', userId: 'auth0|5f7c8ec7c33c6c004bbafe82' })).toEqual([]);
  });

  const badKeys = ['Language Barriers', 'barreras de idioma', '-leading', 'trailing-', 'a--b', 'x'.repeat(65)];
  it.each(badKeys)('rejects the theme key %p', (theme) => {
    expect(errorProperties({ theme, userId: 'dev-mx-sre' })).toEqual(['theme']);
  });

  it.each(['', '   ', 'x'.repeat(257)])('rejects the user id %p', (userId) => {
    expect(errorProperties({ theme: 'language-barriers', userId })).toEqual(['userId']);
  });
});
