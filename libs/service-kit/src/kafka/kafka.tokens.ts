/** The node's kafkajs client, shared by the outbox relay, consumers and health checks. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
