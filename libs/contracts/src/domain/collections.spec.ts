import { plainToInstance } from 'class-transformer';
import { IsIn, validateSync } from 'class-validator';
import { IsSubsetOf, IsTextList, NestedArray, NestedObject } from './collections';
import { ACTION_AREAS } from './vocabularies';

class Item {
  @IsIn(['a', 'b']) name!: string;
}

class Holder {
  @IsSubsetOf(ACTION_AREAS, { minSize: 1 }) actionAreas!: string[];
  @IsTextList({ maxSize: 2, maxLength: 10 }) populations!: string[];
  @NestedObject(() => Item) item!: Item;
  @NestedArray(() => Item, { maxSize: 2 }) items!: Item[];
}

const valid = {
  actionAreas: ['health-equity', 'education'],
  populations: ['Indígenas'],
  item: { name: 'a' },
  items: [{ name: 'a' }, { name: 'b' }],
};

function errorProperties(plain: object): string[] {
  return validateSync(plainToInstance(Holder, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((error) => error.property);
}

describe('collection decorators', () => {
  it('accepts valid lists and nested objects', () => {
    expect(errorProperties(valid)).toEqual([]);
  });

  it.each([
    ['empty', []],
    ['duplicated', ['education', 'education']],
    ['unknown', ['housing']],
    ['not a list', 'education'],
  ])('rejects a subset that is %s', (_case, actionAreas) => {
    expect(errorProperties({ ...valid, actionAreas })).toEqual(['actionAreas']);
  });

  it.each([
    ['too many', ['a', 'b', 'c']],
    ['blank', ['  ']],
    ['too long', ['x'.repeat(11)]],
  ])('rejects a text list with %s items', (_case, populations) => {
    expect(errorProperties({ ...valid, populations })).toEqual(['populations']);
  });

  it.each([
    ['a list', [{ name: 'a' }]],
    ['a string', 'a'],
    ['an invalid object', { name: 'c' }],
    ['an object with an unknown field', { name: 'a', extra: true }],
  ])('rejects a nested object that is %s', (_case, item) => {
    expect(errorProperties({ ...valid, item })).toEqual(['item']);
  });

  it.each([
    ['too many items', [{ name: 'a' }, { name: 'b' }, { name: 'a' }]],
    ['a string item', ['a']],
    ['a nested list', [[{ name: 'a' }]]],
    ['an invalid item', [{ name: 'c' }]],
  ])('rejects a nested list with %s', (_case, items) => {
    expect(errorProperties({ ...valid, items })).toEqual(['items']);
  });
});
