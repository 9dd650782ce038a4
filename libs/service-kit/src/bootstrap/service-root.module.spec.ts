import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import Ajv from 'ajv';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { Public, Roles, issueDevToken } from '../auth';
import type { ProblemDetails } from '../errors/problem-details';
import { createTestApp } from '../testing';

class CreateNoteDto {
  @ApiProperty({ example: 'Mentoría comunitaria' })
  @IsString()
  @MaxLength(40)
  text!: string;

  @ApiProperty({ enum: ['en', 'es', 'fr'] })
  @IsIn(['en', 'es', 'fr'])
  language!: string;

  @IsOptional()
  @IsString()
  note?: string;
}

const stored: CreateNoteDto[] = [];

@Controller('notes')
class NotesController {
  @Post()
  @Roles('submitter')
  create(@Body() note: CreateNoteDto): CreateNoteDto {
    stored.push(note);
    return note;
  }

  @Public()
  @Get()
  list(@Query('q') q?: string): { items: CreateNoteDto[]; q?: string } {
    return { items: stored, q };
  }

  @Public()
  @Get('broken')
  broken(): never {
    throw new Error('connection string mongodb://admin:hunter2@db leaked');
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

describe('the HTTP edge every service shares', () => {
  const secretsDir = mkdtempSync(join(tmpdir(), 'naperj-secrets-'));
  let app: INestApplication<Server>;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp(NotesModule, {
      service: 'submissions',
      env: {
        NODE_COUNTRY: 'mx',
        NAPERJ_SECRETS_DIR: secretsDir,
        HTTP_BODY_LIMIT: '1kb',
        RATE_LIMIT_WRITES_PER_MINUTE: '5',
        CORS_ORIGINS: 'https://dashboard.mx.example',
        LOG_LEVEL: 'silent',
      },
    });
    token = await issueDevToken({ secretsDir, country: 'mx', agency: 'SRE', roles: ['submitter'] });
  });

  afterAll(() => app.close());
  beforeEach(() => stored.splice(0));

  const post = (body: string | object, contentType = 'application/json', bearer = token) =>
    request(app.getHttpServer())
      .post('/api/v1/notes')
      .set('Authorization', `Bearer ${bearer}`)
      .set('Content-Type', contentType)
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  function expectProblem(response: request.Response, status: number, detail: string | RegExp): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'about:blank', status, instance: expect.stringMatching(/^\/api\/v1\/notes/) as unknown });
    expect((response.body as ProblemDetails).detail).toEqual(typeof detail === 'string' ? detail : expect.stringMatching(detail));
  }

  it('accepts a valid write under /api/v1', async () => {
    const response = await post({ text: 'Mentoría comunitaria', language: 'es' });
    expect(response.status).toBe(201);
    expect(stored).toEqual([{ text: 'Mentoría comunitaria', language: 'es' }]);
  });

  it('rejects an unknown member with 400 problem+json and stores nothing', async () => {
    const response = await post({ text: 'x', language: 'es', isAdmin: true });
    expectProblem(response, 400, 'property isAdmin should not exist');
    expect((response.body as ProblemDetails).errors).toEqual([{ pointer: '/isAdmin', detail: 'property isAdmin should not exist' }]);
    expect(stored).toEqual([]);
  });

  it('lists every invalid member', async () => {
    const response = await post({ text: 42, language: 'pt' });
    expectProblem(response, 400, /text must be a string.*language must be one of the following values: en, es, fr/);
    expect((response.body as ProblemDetails).errors?.map((e) => e.pointer)).toEqual(['/text', '/text', '/language']);
    expect(stored).toEqual([]);
  });

  it('rejects a MongoDB operator in the body or the query', async () => {
    expectProblem(await post({ text: { $gt: '' }, language: 'es' }), 400, /Member "text\.\$gt" is not allowed/);
    expectProblem(await request(app.getHttpServer()).get('/api/v1/notes?q[$ne]=x'), 400, /Query parameter "q\[\$ne\]" is not allowed/);
    expect(stored).toEqual([]);
  });

  it('rejects malformed JSON, oversized bodies and other media types', async () => {
    expectProblem(await post('{"text": '), 400, 'The request body is not valid JSON');
    expectProblem(await post({ text: 'x'.repeat(2000), language: 'es' }), 413, 'The request body is larger than this service accepts');
    expectProblem(await post('text=x', 'application/x-www-form-urlencoded'), 415, 'The request body must be application/json');
    expect(stored).toEqual([]);
  });

  it('answers an unexpected error with a plain 500 that leaks nothing', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/notes/broken');
    expectProblem(response, 500, 'An internal error occurred; it has been logged with this request id');
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|mongodb:|at /);
  });

  it('renders auth failures as problem+json', async () => {
    const response = await request(app.getHttpServer()).post('/api/v1/notes').send({ text: 'x', language: 'es' });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('echoes x-request-id into the problem document', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/notes/broken').set('x-request-id', 'req-42');
    expect(response.headers['x-request-id']).toBe('req-42');
    expect((response.body as ProblemDetails).requestId).toBe('req-42');
  });

  it('sets security headers and allows only the configured origins', async () => {
    const allowed = await request(app.getHttpServer()).get('/api/v1/notes').set('Origin', 'https://dashboard.mx.example');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['x-powered-by']).toBeUndefined();
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.mx.example');
    const other = await request(app.getHttpServer()).get('/api/v1/notes').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('throttles writes per caller with 429 problem+json, never reads', async () => {
    // A caller of its own, so the writes of the other tests do not count.
    const caller = await issueDevToken({ secretsDir, country: 'mx', agency: 'SRE', sub: 'throttled', roles: ['submitter'] });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post({ text: `n${i}`, language: 'en' }, 'application/json', caller)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const limited = await post({ text: 'again', language: 'en' }, 'application/json', caller);
    expectProblem(limited, 429, /Too Many Requests|ThrottlerException/);
    expect(limited.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 8; i++) await request(app.getHttpServer()).get('/api/v1/notes').expect(200);
  });

  it('documents the API with the bearer scheme and problem+json errors', async () => {
    const body: unknown = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    expect(body).toMatchObject({ components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } } });
    expect(body).toHaveProperty(['paths', '/api/v1/notes', 'post', 'responses', '400', 'content', 'application/problem+json', 'schema'], {
      $ref: '#/components/schemas/ProblemDetails',
    });
    expect(body).toHaveProperty(['paths', '/health/live', 'get', 'security'], []);
  });

  it('answers a 400 as the document describes it, each invalid member included', async () => {
    const document = (await request(app.getHttpServer()).get('/api/docs-json').expect(200)).body as object;
    // OpenAPI's own keywords (example, nullable) are no JSON Schema: not strict.
    const validate = new Ajv({ strict: false }).addSchema(document, 'openapi').compile({ $ref: 'openapi#/components/schemas/ProblemDetails' });
    const response = await post({ text: 42, language: 'pt' });
    expect(response.status).toBe(400);
    validate(response.body);
    expect(validate.errors ?? []).toEqual([]);
  });
});
