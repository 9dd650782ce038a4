import { logLevel } from 'kafkajs';
import { createKafka, kafkaClientConfig, type KafkaLogRecord, toLogRecord } from './create-kafka';

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

describe('kafkaClientConfig', () => {
  it('connects in plaintext without SASL unless told otherwise', () => {
    const config = kafkaClientConfig({ brokers: ['127.0.0.1:29092'], clientId: 'mx-submissions' });
    expect(config).not.toHaveProperty('ssl');
    expect(config).not.toHaveProperty('sasl');
  });

  it('passes SASL/SCRAM and TLS with the cluster’s certificate authority to kafkajs', () => {
    const sasl = { mechanism: 'scram-sha-512', username: 'mx-submissions', password: 's3cret' } as const;
    const config = kafkaClientConfig({ brokers: ['kafka.mx:9093'], clientId: 'mx-submissions', sasl, ssl: { ca: ['-----BEGIN CERTIFICATE-----'] } });
    expect(config).toMatchObject({ brokers: ['kafka.mx:9093'], sasl, ssl: { ca: ['-----BEGIN CERTIFICATE-----'] } });
  });
});
