import { TrustFileWatcher, TrustStore } from '@naperj/messaging';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ServiceConfig } from '../config/service-config';

/**
 * Reloads the trust store when `EVENT_TRUST_FILE` changes or on SIGHUP (docs/architecture.md,
 * Signature), so a partner's new key is trusted without a restart and the events parked for
 * it are re-driven. Local keys (no trust file) are all known from the start.
 */
@Injectable()
export class TrustFileReloader implements OnApplicationBootstrap, OnApplicationShutdown {
  private watcher?: TrustFileWatcher;

  constructor(
    private readonly trust: TrustStore,
    private readonly config: ConfigService<ServiceConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { trustFile } = this.config.get('events', { infer: true });
    if (!trustFile) return;
    this.watcher = new TrustFileWatcher(trustFile, this.trust, new Logger(TrustFileReloader.name));
    await this.watcher.start();
  }

  onApplicationShutdown(): void {
    this.watcher?.stop();
  }
}
