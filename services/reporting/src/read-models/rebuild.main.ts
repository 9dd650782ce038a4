import { loadServiceConfig, ServiceRootModule, startEventTransport } from '@naperj/service-kit';
import { NestFactory } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, ConnectionStates } from 'mongoose';
import { Logger } from 'nestjs-pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReadModelRebuildModule } from './read-model-rebuild.module';
import { ReadModelRebuild } from './read-model.rebuild';
import { parseRebuildArguments } from './rebuild-arguments';

/**
 * `npm run reporting:rebuild -- --country mx`: rebuilds the node's read models from Kafka
 * with the service's own configuration, keys, Kafka and database, then switches over.
 * Exits 0 once the new generation is active; 1, with the active generation unchanged, if not.
 */
async function main(argv: readonly string[]): Promise<void> {
  const { country, force, timeoutMs } = parseRebuildArguments(argv);
  // Only warnings and errors: progress goes to the terminal as plain lines.
  const env = { LOG_LEVEL: 'warn', ...process.env, ...(country ? { NODE_COUNTRY: country } : {}) };
  const config = loadServiceConfig('reporting', env);
  // An app that never listens on HTTP: it runs the indicators' event handlers, under the kit's pipes and filters.
  const app = await NestFactory.create(ServiceRootModule.forApp(ReadModelRebuildModule, config, env), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await startEventTransport(app);
  await app.init();
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  let lastLine = '';
  try {
    await databaseUp(app.get<Connection>(getConnectionToken()), DATABASE_WAIT_MS);
    console.log(`Rebuilding the read models of node ${config.country} from Kafka…`);
    const report = await app.get(ReadModelRebuild).run({
      force,
      timeoutMs,
      signal: stop.signal,
      onProgress: ({ generation, left, kept }) => {
        const line = `  generation ${generation}: ${kept - left} of ${kept} messages read`;
        if (line !== lastLine) console.log((lastLine = line));
      },
    });
    console.log(
      `Generation ${report.generation} is active (it replaces ${report.previous}, kept as a way back): ` +
        `${report.messages} messages in ${(report.tookMs / 1000).toFixed(1)} s.` +
        (report.retired.length > 0 ? ` Dropped older generations: ${report.retired.join(', ')}.` : ''),
    );
  } finally {
    await app.close();
  }
}

const DATABASE_WAIT_MS = 30_000;

/** The kit connects in the background; a rebuild needs the database from its first step. */
async function databaseUp(connection: Connection, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; connection.readyState !== ConnectionStates.connected; await sleep(200)) {
    if (Date.now() > deadline) throw new Error(`MongoDB (${connection.host ?? 'MONGODB_URI'}) did not answer within ${timeoutMs / 1000} s`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`The rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
