import { ConfigurationError, ServiceConfigModule } from '@naperj/service-kit';
import { createTestApp } from '@naperj/service-kit/testing';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ConfigModule, ConfigService, type ConfigType } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportingConfig } from './reporting-config';
import { ReportingConfigModule } from './reporting-config.module';

@Injectable()
class ReadsReportingConfig {
  constructor(@Inject(reportingConfig.KEY) readonly reporting: ConfigType<typeof reportingConfig>) {}
}

@Module({ imports: [ReportingConfigModule], providers: [ReadsReportingConfig] })
class ProbeModule {}

/** The kit's variables a test app needs beside the one under test; Kafka out of reach. */
const KIT_ENV = {
  NODE_COUNTRY: 'mx',
  KAFKA_BROKERS: '127.0.0.1:1',
  NAPERJ_SECRETS_DIR: mkdtempSync(join(tmpdir(), 'naperj-secrets-')),
  LOG_LEVEL: 'silent',
};

describe('ReportingConfigModule', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  }, 15_000);

  it('reads the environment the kit reads: the test app’s env, not process.env', async () => {
    process.env['HEARTBEAT_INTERVAL_MS'] = '60000';
    try {
      app = await createTestApp(ProbeModule, { service: 'reporting', env: { ...KIT_ENV, HEARTBEAT_INTERVAL_MS: '2500' } });
    } finally {
      delete process.env['HEARTBEAT_INTERVAL_MS'];
    }
    expect(app.get(ReadsReportingConfig).reporting).toEqual({ heartbeatIntervalMs: 2500 });
    expect(app.get(ConfigService).get('reporting.heartbeatIntervalMs')).toBe(2500);
  });

  // Only the configuration modules: an app whose start fails is never closed, and the database
  // client it had opened would keep the test process alive.
  it('stops the start on a bad HEARTBEAT_INTERVAL_MS, naming the variable', async () => {
    const env = { ...KIT_ENV, HEARTBEAT_INTERVAL_MS: '10s' };
    const compiling = Test.createTestingModule({
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true }), ServiceConfigModule.forRoot(env), ProbeModule],
    }).compile();
    await expect(compiling).rejects.toThrow(ConfigurationError);
    await expect(compiling).rejects.toThrow('HEARTBEAT_INTERVAL_MS must be a whole number of milliseconds from 1000 to 300000 (got "10s")');
  });
});
