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

/**
 * How long an operation may wait for the database's answer on an open connection. The driver
 * waits forever by default: a connection that stops answering would hold a request, or stall a
 * consumer's partition, for good. After this the connection is closed and the operation fails
 * as a network error, which consumers retry as an outage. Far above any single operation here;
 * `socketTimeoutMS` in MONGODB_URI takes precedence.
 */
export const SOCKET_TIMEOUT_MS = 60_000;

/** How `service` connects to the database at `uri` (MONGODB_URI). */
export function databaseConnectOptions(uri: string, service: string): DatabaseConnectOptions {
  return {
    uri,
    options: {
      bufferCommands: false,
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      connectTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      ...(uriOptionNames(uri).has('sockettimeoutms') ? {} : { socketTimeoutMS: SOCKET_TIMEOUT_MS }),
      appName: `naperj-${service}`,
      // DatabaseCommandsRecorder counts what the driver reports.
      monitorCommands: true,
    },
  };
}

function connectOptions(config: ConfigService<ServiceConfig, true>): DatabaseConnectOptions {
  return databaseConnectOptions(config.get('mongodb', { infer: true }).uri, config.get('service', { infer: true }));
}

/** The options a connection string sets, lower-cased as the driver matches them. */
function uriOptionNames(uri: string): Set<string> {
  const query = uri.split('?')[1] ?? '';
  return new Set([...new URLSearchParams(query).keys()].map((name) => name.toLowerCase()));
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
