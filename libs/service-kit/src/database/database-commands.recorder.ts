import { Inject, Injectable } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import type { Counter } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';

type Label = 'command' | 'collection';

/** What emits the driver's command monitoring events: a MongoClient opened with `monitorCommands`. */
export interface CommandMonitor {
  on(event: 'commandStarted', listener: (event: mongo.CommandStartedEvent) => void): unknown;
}

/**
 * Counts the commands the service sends to its database, by command and collection: what a
 * request or a relayed event costs in round trips (the benchmarks divide it by what they
 * sent), and which collection an operator's database load comes from.
 */
@Injectable()
export class DatabaseCommandsRecorder {
  private readonly commands: Counter<Label>;
  private readonly observed = new WeakSet<CommandMonitor>();

  constructor(@Inject(getConnectionToken()) connection: Connection, metrics: MetricsRegistry) {
    this.commands = metrics.counter({
      name: 'naperj_database_commands_total',
      help: 'Commands sent to the database, by command and collection',
      labelNames: ['command', 'collection'],
    });
    // Each connection attempt DatabaseConnector retries opens a client of its own.
    connection.on('connected', () => this.observe(connection.getClient()));
  }

  observe(client: CommandMonitor): void {
    if (this.observed.has(client)) return;
    this.observed.add(client);
    client.on('commandStarted', ({ commandName, command }) => this.commands.inc({ command: commandName, collection: collectionOf(commandName, command) }));
  }
}

/** The collection a command names: its first member for CRUD and index commands, `collection` for getMore; none for the others. */
function collectionOf(commandName: string, command: mongo.CommandStartedEvent['command']): string {
  const named: unknown = commandName === 'getMore' ? command['collection'] : command[commandName];
  return typeof named === 'string' ? named : '';
}
