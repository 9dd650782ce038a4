import { parseBrokers } from './parse-brokers';

describe('parseBrokers', () => {
  it('reads a single broker', () => {
    expect(parseBrokers('127.0.0.1:29092')).toEqual(['127.0.0.1:29092']);
  });

  it('reads a list and trims blanks', () => {
    expect(parseBrokers(' kafka-0.mx:9092, kafka-1.mx:9092 ,localhost:19092')).toEqual(['kafka-0.mx:9092', 'kafka-1.mx:9092', 'localhost:19092']);
  });

  it.each(['', '   '])('rejects an empty list %p', (list) => {
    expect(() => parseBrokers(list)).toThrow('No Kafka brokers given');
  });

  it.each([
    ['localhost', 'localhost'],
    [':9092', ':9092'],
    ['localhost:', 'localhost:'],
    ['localhost:0', 'localhost:0'],
    ['localhost:65536', 'localhost:65536'],
    ['localhost:port', 'localhost:port'],
    ['kafka://localhost:9092', 'kafka://localhost:9092'],
    ['host name:9092', 'host name:9092'],
    ['a:1,,b:2', ''],
    ['a:1,', ''],
  ])('rejects %p, naming the bad entry', (list, entry) => {
    expect(() => parseBrokers(list)).toThrow(`Invalid Kafka broker "${entry}" in "${list}": expected host:port`);
  });
});
