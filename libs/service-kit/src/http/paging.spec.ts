import { Controller, Get, Query } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { RequestValidationException } from '../errors/request-validation.exception';
import { decodeCursor, encodeCursor, pageOf, PageQuery } from './paging';

describe('page cursors', () => {
  it('round-trips a position through an opaque, URL-safe string', () => {
    const position = { at: '2026-11-29T09:00:00.000Z', id: '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each(['', 'not a cursor', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'refuses a cursor it did not issue with a 400 naming it: %p',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(RequestValidationException);
    },
  );

  it('pages limit + 1 items read, naming the last shown as the next start', () => {
    const items = [3, 2, 1].map((n) => ({ n, at: `2026-01-0${n}`, id: `id-${n}` }));
    const page = pageOf(items, 2, ({ at, id }) => ({ at, id }));
    expect(page.items.map((item) => item.n)).toEqual([3, 2]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at: '2026-01-02', id: 'id-2' });
    expect(pageOf(items, 3, ({ at, id }) => ({ at, id })).nextCursor).toBeNull();
  });
});

describe('the documented page query', () => {
  @Controller('items')
  class ItemsController {
    @Get()
    list(@Query() query: PageQuery): PageQuery {
      return query;
    }
  }

  async function documentedParameters(): Promise<Record<string, unknown>> {
    const moduleRef = await Test.createTestingModule({ controllers: [ItemsController] }).compile();
    const document = SwaggerModule.createDocument(moduleRef.createNestApplication(), new DocumentBuilder().build());
    const parameters = (document.paths['/items']?.get?.parameters ?? []) as { name: string; schema: unknown }[];
    return Object.fromEntries(parameters.map(({ name, schema }) => [name, schema]));
  }

  // As a number, 1.0 could be told apart from 1 by a fuzzer, which then expected a refusal.
  it('documents limit as the whole number it is validated as', async () => {
    expect((await documentedParameters()).limit).toEqual({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
  });
});
