const HOST_PORT = /^([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * Parses a comma-separated broker list such as `KAFKA_BROKERS`
 * (`127.0.0.1:29092,kafka-1.mx:9092`) into the array kafkajs expects.
 */
export function parseBrokers(list: string): string[] {
  if (list.trim() === '') {
    throw new Error('No Kafka brokers given: expected a comma-separated list of host:port, ' + 'e.g. "127.0.0.1:29092"');
  }
  return list.split(',').map((entry) => {
    const broker = entry.trim();
    const port = Number(HOST_PORT.exec(broker)?.[2]);
    if (!(port >= 1 && port <= 65535)) {
      throw new Error(`Invalid Kafka broker "${broker}" in "${list}": ` + 'expected host:port with a port from 1 to 65535');
    }
    return broker;
  });
}
