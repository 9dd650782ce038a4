import { Test } from '@nestjs/testing';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TelemetryModule } from './telemetry.module';
import { shutdownTelemetry, startTelemetry } from './telemetry.sdk';

describe('TelemetryModule', () => {
  afterEach(() => shutdownTelemetry());

  it('shuts the SDK down, flushing its processors, when the application closes', async () => {
    const shutdown = jest.fn(() => Promise.resolve());
    const processor: SpanProcessor = {
      onStart: () => undefined,
      onEnd: () => undefined,
      forceFlush: () => Promise.resolve(),
      shutdown,
    };
    startTelemetry({ service: 'reporting', country: 'mx', telemetry: {} }, { spanProcessors: [processor] });
    const app = (await Test.createTestingModule({ imports: [TelemetryModule] }).compile()).createNestApplication({ logger: false });
    await app.init();

    expect(shutdown).not.toHaveBeenCalled();
    await app.close();
    expect(shutdown).toHaveBeenCalledTimes(1);
  });
});
