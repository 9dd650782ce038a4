import { mongo } from 'mongoose';
import { databaseConnectOptions, SOCKET_TIMEOUT_MS } from './database.module';

/** What the driver will run with: it parses the connection string and its options (mongoose's own aside) without connecting. */
function resolvedSocketTimeout(uri: string): number {
  const { bufferCommands: _mongooseOnly, ...driverOptions } = databaseConnectOptions(uri, 'submissions').options;
  return new mongo.MongoClient(uri, driverOptions).options.socketTimeoutMS;
}

describe('the database connection options', () => {
  it('bound how long an operation waits for an answer, which the driver leaves unbounded', () => {
    expect(resolvedSocketTimeout('mongodb://127.0.0.1:27027/naperj')).toBe(SOCKET_TIMEOUT_MS);
    expect(new mongo.MongoClient('mongodb://127.0.0.1:27027/naperj').options.socketTimeoutMS).toBe(0);
  });

  it('keep the bound a connection string sets, whatever its case, with several hosts too', () => {
    expect(resolvedSocketTimeout('mongodb://127.0.0.1:27027/naperj?socketTimeoutMS=2500')).toBe(2500);
    expect(resolvedSocketTimeout('mongodb://db-0:27017,db-1:27017/naperj?replicaSet=rs0&sockettimeoutms=7000')).toBe(7000);
  });

  it('fail fast while the database is unreachable, instead of queueing operations', () => {
    const { options } = databaseConnectOptions('mongodb://127.0.0.1:27027/naperj', 'submissions');
    expect(options).toMatchObject({ bufferCommands: false, serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000, appName: 'naperj-submissions' });
  });
});
