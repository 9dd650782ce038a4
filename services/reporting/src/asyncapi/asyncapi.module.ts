import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';

/** `GET /api/asyncapi.json`, served by reporting for the whole node. */
@Module({ controllers: [AsyncApiController] })
export class AsyncApiModule {}
