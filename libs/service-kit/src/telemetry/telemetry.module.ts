import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { shutdownTelemetry } from './telemetry.sdk';

/** Exports the spans still buffered when the application stops, SIGTERM included. */
@Module({})
export class TelemetryModule implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return shutdownTelemetry();
  }
}
