import { IsIn, IsOptional } from 'class-validator';
import { NestedArray, NestedObject } from './collections';
import { IsHttpLink } from './http-link';
import { jsonSchemaOf } from './json-schema';
import { IsTimestamp } from './timestamp';
import { HasOriginalLanguage, TrilingualTitle } from './trilingual';
import { LANGUAGES } from './vocabularies';

class Chapter {
  @NestedObject(() => TrilingualTitle)
  @HasOriginalLanguage('originalLanguage')
  title!: TrilingualTitle;

  @IsIn(LANGUAGES) originalLanguage!: string;
}

class Book {
  @NestedArray(() => Chapter, { minSize: 1, maxSize: 3 }) chapters!: Chapter[];
  @IsOptional() @IsHttpLink({ each: true }) links?: string[];
  @IsTimestamp() printedAt!: string;
}

describe('jsonSchemaOf', () => {
  const schema = jsonSchemaOf(Book);

  it('inlines nested classes, so the schema stands alone', () => {
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(schema.properties?.chapters).toMatchObject({
      type: 'array',
      minItems: 1,
      maxItems: 3,
      items: {
        type: 'object',
        required: ['title', 'originalLanguage'],
        additionalProperties: false,
        properties: {
          title: {
            type: 'object',
            additionalProperties: false,
            properties: { en: { type: 'string', maxLength: 300 } },
          },
        },
      },
    });
  });

  it('closes every object, as validation forbids unknown fields', () => {
    expect(schema.additionalProperties).toBe(false);
  });

  it('describes the custom validators', () => {
    expect(schema.properties?.links).toMatchObject({
      type: 'array',
      items: { type: 'string', format: 'uri' },
    });
    expect(schema.properties?.printedAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(schema.required).toEqual(['chapters', 'printedAt']);
  });

  it('hands out copies', () => {
    jsonSchemaOf(Book).required?.push('tampered');
    expect(jsonSchemaOf(Book).required).toEqual(['chapters', 'printedAt']);
  });
});
