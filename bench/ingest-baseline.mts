/**
 * The ingest benchmark's baseline: a bare NestJS app whose one route inserts the request
 * body as a draft (a UUIDv7 `_id`, status, version, country, timestamps) through mongoose.
 * No auth, validation, throttling, logging, telemetry or outbox; the same HTTP platform
 * (express) as the services. What the submissions service costs beyond this is the price
 * of the platform's guarantees.
 *
 *   PORT=0 MONGODB_URI=mongodb://127.0.0.1:27027/<database> node bench/ingest-baseline.mts
 */
import 'reflect-metadata';
import { Body, Controller, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import mongoose, { type Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';

const DRAFT = 'BaselineDraft';
const { MONGODB_URI, PORT = '0' } = process.env;
if (!MONGODB_URI) throw new Error('MONGODB_URI is required');

const draftSchema = new mongoose.Schema(
  { _id: String, status: String, version: Number, country: String },
  // The body's members are stored as sent: validating them is what the baseline leaves out.
  { strict: false, timestamps: true, versionKey: false, collection: 'submissions' },
);

class DraftsController {
  private readonly drafts: Model<unknown>;

  constructor(drafts: Model<unknown>) {
    this.drafts = drafts;
  }

  async create(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const draft = await this.drafts.create({ ...body, _id: uuidv7(), status: 'draft', version: 1, country: 'mx' });
    const { _id, ...stored } = draft.toObject() as Record<string, unknown>;
    return { id: _id, ...stored };
  }
}

// Node runs this file by stripping its types, and type stripping leaves decorator syntax
// unsupported: the decorators are applied here as the calls TypeScript would emit.
Inject(getModelToken(DRAFT))(DraftsController, undefined, 0);
Body()(DraftsController.prototype, 'create', 0);
Post('api/v1/submissions')(DraftsController.prototype, 'create', Object.getOwnPropertyDescriptor(DraftsController.prototype, 'create')!);
Controller()(DraftsController);

class BaselineModule {}
Module({
  imports: [MongooseModule.forRoot(MONGODB_URI), MongooseModule.forFeature([{ name: DRAFT, schema: draftSchema }])],
  controllers: [DraftsController],
})(BaselineModule);

const app = await NestFactory.create(BaselineModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(Number(PORT), '127.0.0.1');
console.log(`ingest baseline listening on ${await app.getUrl()}`);
