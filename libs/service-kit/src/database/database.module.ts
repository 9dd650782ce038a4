import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { ServiceConfig } from '../config/service-config';

/** How long a request may wait for an unreachable database before it gets a 503. */
const SERVER_SELECTION_TIMEOUT_MS = 2000;

/**
 * The node's MongoDB database. The service starts even while the database is down
 * (readiness reports it); operations then fail fast instead of queueing in mongoose.
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ServiceConfig, true>) => ({
        uri: config.get('mongodb', { infer: true }).uri,
        lazyConnection: true,
        bufferCommands: false,
        serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
        connectTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
        appName: `naperj-${config.get('service', { infer: true })}`,
      }),
    }),
  ],
})
export class DatabaseModule {}
