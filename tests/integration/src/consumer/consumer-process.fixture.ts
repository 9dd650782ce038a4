/**
 * A consumer service in miniature, run as its own process by crash-recovery.spec.ts so that
 * it can be killed for real. Configured by the JSON in CONSUMER_FIXTURE; prints
 * `{"running":true}` once its group has joined.
 */
import { loadLocalTrustStore } from '@naperj/messaging';
import mongoose from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { startConsumerApp } from './consumer-test-app';

export interface ConsumerFixtureConfig {
  brokers: string[];
  mongodbUri: string;
  secretsDir: string;
  topics: Parameters<typeof startConsumerApp>[0]['topics'];
  deadLetterTopic: string;
  group: string;
  sessionTimeoutMs: number;
  handlerMs?: number;
  /** The event after whose effect the process kills itself, before its ledger entry and commit. */
  crashAfterEffectOf?: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env['CONSUMER_FIXTURE'] ?? '') as ConsumerFixtureConfig;
  const connection = await mongoose.createConnection(config.mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  const { consumer } = await startConsumerApp({
    ...config,
    connection,
    trust: await loadLocalTrustStore(config.secretsDir, ['us', 'ca']),
    script: {
      onInvoke: () => sleep(config.handlerMs ?? 0),
      afterEffect: (event) => {
        if (event.id === config.crashAfterEffectOf) process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  await consumer.whenRunning();
  process.stdout.write(`${JSON.stringify({ running: true })}\n`);
}

void main();
