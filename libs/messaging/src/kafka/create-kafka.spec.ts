import { logLevel } from 'kafkajs';
import { createKafka, type KafkaLogRecord, toLogRecord } from './create-kafka';

describe('createKafka', () => {
  it('routes kafkajs warnings and errors to the given sink', () => {
    const records: KafkaLogRecord[] = [];
    const kafka = createKafka({
      brokers: ['127.0.0.1:29092'],
      clientId: 'mx-submissions',
      log: (record) => records.push(record),
    });

    kafka.logger().namespace('Connection').warn('Connection timeout', { broker: 'b:1' });
    kafka.logger().error('Crash', { groupId: 'g' });

    expect(records).toEqual([
      {
        level: 'warn',
        namespace: 'Connection',
        message: 'Connection timeout',
        details: { broker: 'b:1' },
      },
      { level: 'error', namespace: '', message: 'Crash', details: { groupId: 'g' } },
    ]);
  });

  it('drops info and debug messages', () => {
    const log = jest.fn();
    const kafka = createKafka({ brokers: ['127.0.0.1:29092'], clientId: 'test', log });

    kafka.logger().info('Starting');
    kafka.logger().debug('Request Metadata');

    expect(log).not.toHaveBeenCalled();
  });
});

describe('toLogRecord', () => {
  it('keeps the namespace and extra fields and drops the kafkajs timestamp and origin', () => {
    expect(
      toLogRecord({
        level: logLevel.ERROR,
        label: 'ERROR',
        namespace: 'Connection',
        log: {
          timestamp: '2026-11-29T10:00:00.000Z',
          logger: 'kafkajs',
          message: 'Connection error',
          broker: 'b:1',
        },
      }),
    ).toEqual({
      level: 'error',
      namespace: 'Connection',
      message: 'Connection error',
      details: { broker: 'b:1' },
    });
  });
});
