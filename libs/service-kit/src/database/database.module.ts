import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';
import type { ServiceConfig } from '../config/service-config';
import { DatabaseCommandsRecorder } from './database-commands.recorder';
import { DATABASE_CONNECT_OPTIONS, type DatabaseConnectOptions, DatabaseConnector } from './database.connector';

/**
 * How long a request may wait for an unreachable database: below the 2 s within which it is
 * promised a 503, leaving room for the rest of the request.
 */
const SERVER_SELECTION_TIMEOUT_MS = 1000;

function connectOptions(config: ConfigService<ServiceConfig, true>): DatabaseConnectOptions {
  return {
    uri: config.get('mongodb', { infer: true }).uri,
    options: {
      bufferCommands: false,
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      connectTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      appName: `naperj-${config.get('service', { infer: true })}`,
      // DatabaseCommandsRecorder counts what the driver reports.
      monitorCommands: true,
    },
  };
}

/**
 * The node's MongoDB database. The service starts even while the database is down
 * (readiness reports it, DatabaseConnector keeps trying); operations then fail fast
 * instead of queueing in mongoose.
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ServiceConfig, true>) => {
        const { uri, options } = connectOptions(config);
        return { uri, lazyConnection: true, ...options };
      },
    }),
  ],
  providers: [{ provide: DATABASE_CONNECT_OPTIONS, inject: [ConfigService], useFactory: connectOptions }, DatabaseConnector, DatabaseCommandsRecorder],
})
export class DatabaseModule {}
