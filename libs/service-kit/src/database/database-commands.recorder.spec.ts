import { EventEmitter } from 'node:events';
import type { Connection } from 'mongoose';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { DatabaseCommandsRecorder } from './database-commands.recorder';

/** A connection whose client emits the driver's command monitoring events as the test says. */
class MonitoredConnection extends EventEmitter {
  client = new EventEmitter();
  getClient(): EventEmitter {
    return this.client;
  }
}

const counts = async (metrics: MetricsRegistry) =>
  Object.fromEntries(
    (await metrics.registry.getSingleMetric('naperj_database_commands_total')!.get()).values.map(({ labels, value }) => [
      `${labels.command} ${labels.collection}`,
      value,
    ]),
  );

describe('DatabaseCommandsRecorder', () => {
  const metrics = MetricsRegistry.forProcess();
  beforeEach(() => metrics.registry.resetMetrics());

  function connected(): MonitoredConnection {
    const connection = new MonitoredConnection();
    new DatabaseCommandsRecorder(connection as unknown as Connection, metrics);
    connection.emit('connected');
    return connection;
  }

  it('counts each command by the collection it names', async () => {
    const { client } = connected();
    client.emit('commandStarted', { commandName: 'insert', command: { insert: 'submissions_events', documents: [] } });
    client.emit('commandStarted', { commandName: 'insert', command: { insert: 'submissions_events', documents: [] } });
    client.emit('commandStarted', { commandName: 'find', command: { find: 'submissions_events_outbox', filter: {} } });
    client.emit('commandStarted', { commandName: 'getMore', command: { getMore: 7, collection: 'submissions_events_outbox' } });
    client.emit('commandStarted', { commandName: 'endSessions', command: { endSessions: [] } });
    expect(await counts(metrics)).toEqual({
      'insert submissions_events': 2,
      'find submissions_events_outbox': 1,
      'getMore submissions_events_outbox': 1,
      'endSessions ': 1,
    });
  });

  it('counts a command once however often the same client reconnects, and follows a new client', async () => {
    const connection = connected();
    connection.emit('connected');
    connection.client.emit('commandStarted', { commandName: 'delete', command: { delete: 'submissions_events_outbox' } });
    connection.client = new EventEmitter();
    connection.emit('connected');
    connection.client.emit('commandStarted', { commandName: 'delete', command: { delete: 'submissions_events_outbox' } });
    expect(await counts(metrics)).toEqual({ 'delete submissions_events_outbox': 2 });
  });
});
