import { type CountryCode, localKafkaBrokers, localMongodbUri, type ServiceName } from '@naperj/contracts';
import { createTestApp } from '@naperj/service-kit/testing';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** The node whose engines the suite runs on: the integration tests' (docs/architecture.md, Ports). */
export const ENGINES_COUNTRY: CountryCode = 'mx';

export interface InProcessServiceOptions {
  service: ServiceName;
  appModule: Type<unknown>;
  /** Where the node's issuer and event keys live: shared by the services of one node. */
  secretsDir: string;
  /** More configuration variables, after the suite's own. */
  env?: NodeJS.ProcessEnv;
  /**
   * A database kept from one run to the next, e.g. so a read model resumes where its consumers
   * committed instead of reading a topic's whole history again; else a new one, dropped on close.
   */
  keptDatabase?: string;
}

/**
 * One service of the engines' node, in-process and listening on a free local port, on the real
 * Kafka and FerretDB with a database of its own, which `close` drops.
 */
export class InProcessService {
  readonly service: ServiceName;
  readonly database: string;
  private app?: NestExpressApplication;

  constructor(private readonly options: InProcessServiceOptions) {
    this.service = options.service;
    this.database = options.keptDatabase ?? `naperj_reliability_${options.service.replace(/-/g, '_')}_${randomUUID().slice(0, 8)}`;
  }

  get mongodbUri(): string {
    const uri = new URL(localMongodbUri(ENGINES_COUNTRY));
    uri.pathname = `/${this.database}`;
    return uri.toString();
  }

  /** The running app, e.g. to read its controllers. */
  get nest(): NestExpressApplication {
    if (!this.app) throw new Error(`${this.service} is not started`);
    return this.app;
  }

  /** `http://127.0.0.1:<port>` of the running app. */
  get baseUrl(): string {
    const { port } = this.nest.getHttpServer().address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.app = await createTestApp(this.options.appModule, {
      service: this.service,
      env: {
        NODE_COUNTRY: ENGINES_COUNTRY,
        KAFKA_BROKERS: localKafkaBrokers(ENGINES_COUNTRY),
        MONGODB_URI: this.mongodbUri,
        NAPERJ_SECRETS_DIR: this.options.secretsDir,
        LOG_LEVEL: process.env.RELIABILITY_LOG_LEVEL ?? 'silent',
        ...this.options.env,
      },
    });
    await this.app.listen(0, '127.0.0.1');
  }

  /** The documents of each collection of the service's database, by collection name. */
  async documentCounts(): Promise<Record<string, number>> {
    const connection = await mongoose.createConnection(this.mongodbUri).asPromise();
    try {
      const db = connection.db!;
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name).sort();
      return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await db.collection(name).countDocuments()] as const)));
    } finally {
      await connection.close();
    }
  }

  async close(): Promise<void> {
    await this.app?.close();
    if (this.options.keptDatabase) return;
    const connection = await mongoose.createConnection(this.mongodbUri).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
}
