import { Kafka, type KafkaConfig, logLevel, type LogEntry } from 'kafkajs';

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface KafkaLogRecord {
  level: KafkaLogLevel;
  /** The kafkajs component, e.g. `Connection`, `Consumer`. */
  namespace: string;
  message: string;
  /** What kafkajs attached besides the message: broker, clientId, error, stack… */
  details: Record<string, unknown>;
}

export type KafkaLogSink = (record: KafkaLogRecord) => void;

/** How the client proves itself to a cluster that asks: SASL/SCRAM, over TLS. Plaintext when empty. */
export interface KafkaSecurity {
  /** `true` trusts the system's certificate authorities; `ca` names the cluster's own. */
  ssl?: true | { ca: string[] };
  sasl?: { mechanism: 'scram-sha-256'; username: string; password: string } | { mechanism: 'scram-sha-512'; username: string; password: string };
}

export interface CreateKafkaOptions extends KafkaSecurity {
  brokers: string[];
  clientId: string;
  /** Receives kafkajs's warnings and errors; by default one line each on stderr. */
  log?: KafkaLogSink;
  /** Timeouts and retry policy; kafkajs's defaults when omitted. */
  connectionTimeout?: KafkaConfig['connectionTimeout'];
  requestTimeout?: KafkaConfig['requestTimeout'];
  retry?: KafkaConfig['retry'];
}

/**
 * The one place a kafkajs client is built, so the client library can be swapped
 * later. Logs at warn; kafkajs's KAFKAJS_LOG_LEVEL=debug overrides that when digging.
 */
export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka(kafkaClientConfig(options));
}

/** The kafkajs configuration createKafka builds. */
export function kafkaClientConfig({ brokers, clientId, log = logToStderr, ssl, sasl, ...timeouts }: CreateKafkaOptions): KafkaConfig {
  return {
    brokers,
    clientId,
    ...(ssl ? { ssl } : {}),
    ...(sasl ? { sasl } : {}),
    ...timeouts,
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => log(toLogRecord(entry)),
  };
}

export function toLogRecord({ level, namespace, log }: LogEntry): KafkaLogRecord {
  // The sink's logger stamps its own time and origin.
  const { message, timestamp, logger, ...details } = log;
  // kafkajs's root logger has no namespace, whatever its types say.
  return { level: levelName(level), namespace: namespace ?? '', message, details };
}

function levelName(level: logLevel): KafkaLogLevel {
  switch (level) {
    case logLevel.ERROR:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
}

function logToStderr({ level, namespace, message, details }: KafkaLogRecord): void {
  console.error(`kafkajs ${level} [${namespace}] ${message} ${JSON.stringify(details)}`);
}
