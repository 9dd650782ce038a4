import { KafkaJSConnectionError } from 'kafkajs';
import { mongo } from 'mongoose';
import { failing, type RelayLogger, RelayOutage } from './relay-outage';

/** A RelayLogger of mocks, each a property (not a method) so that it can be read off the logger. */
function logger() {
  return {
    log: jest.fn<void, [string]>(),
    warn: jest.fn<void, [string]>(),
    error: jest.fn<void, [string, string?]>(),
    debug: jest.fn<void, [string]>(),
  } satisfies RelayLogger;
}

const kafkaDown = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1');
const mongoDown = new mongo.MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:2', { type: 'Unknown', servers: new Map() } as never);

describe('failing', () => {
  it('tells Kafka, MongoDB and the relay itself apart', () => {
    expect(failing(kafkaDown)).toBe('Kafka');
    expect(failing(mongoDown)).toBe('MongoDB');
    expect(failing(new TypeError('a bug'))).toBe('relay');
  });
});

describe('RelayOutage', () => {
  it('logs once when Kafka goes away and once when it is back, backing off in between', () => {
    const log = logger();
    const outage = new RelayOutage(log, { initialMs: 100, maxMs: 5000 });

    const delays = Array.from({ length: 8 }, () => outage.failed(kafkaDown, 0));
    outage.recovered('MongoDB');
    outage.recovered('Kafka');

    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/^Kafka unreachable \(Connection error: connect ECONNREFUSED 127\.0\.0\.1:1\)/));
    expect(log.log.mock.calls).toEqual([['Kafka works again: publishing resumes']]);
  });

  it('logs again when what fails changes', () => {
    const log = logger();
    const outage = new RelayOutage(log, { initialMs: 100, maxMs: 5000 });

    outage.failed(kafkaDown);
    outage.failed(mongoDown);
    outage.failed(mongoDown);

    expect(log.warn.mock.calls.map(([message]) => message.split(' ')[0])).toEqual(['Kafka', 'MongoDB']);
  });

  it('logs an error of its own with the stack', () => {
    const log = logger();
    new RelayOutage(log, { initialMs: 100, maxMs: 5000 }).failed(new TypeError('a bug'));
    expect(log.error).toHaveBeenCalledWith('The outbox relay failed: a bug; retrying with backoff', expect.stringContaining('TypeError: a bug'));
  });

  it('says how long until the next try, and nothing once recovered', () => {
    const outage = new RelayOutage(logger(), { initialMs: 100, maxMs: 5000 });
    outage.failed(kafkaDown, 1000);
    outage.failed(kafkaDown, 1100);

    expect(outage.msUntilRetry(1250)).toBe(50);
    outage.recovered();
    expect(outage.msUntilRetry(1250)).toBe(0);
  });

  it('stays quiet about a recovery when nothing failed', () => {
    const log = logger();
    new RelayOutage(log, { initialMs: 100, maxMs: 5000 }).recovered();
    expect(log.log).not.toHaveBeenCalled();
  });
});
