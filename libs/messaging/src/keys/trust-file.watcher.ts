import type { LoggerService } from '@nestjs/common';
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { TrustStore } from '../envelope/event-signature';
import { parseTrustFile } from './event-signing-keys';

/**
 * Keeps a trust store in step with its trust file (`EVENT_TRUST_FILE`): the file is read again
 * when it changes (a watch on its folder, since editors and mounted secrets replace a file
 * rather than write it) and on SIGHUP. A file that does not parse leaves the keys as they were.
 * Each new text replaces the store's keys in place, which tells its listeners, e.g. the event
 * transport that re-drives the events parked for an unknown key.
 */
export class TrustFileWatcher {
  private watcher?: FSWatcher;
  private lastText?: string;
  private running?: Promise<void>;
  private again = false;
  private readonly onHangup = () => void this.reload();

  constructor(
    private readonly file: string,
    private readonly trust: TrustStore,
    private readonly logger: Pick<LoggerService, 'log' | 'error'>,
  ) {}

  /** Watches from now on; the text read now counts as loaded, so only a change of it reloads. */
  async start(): Promise<void> {
    this.lastText = await readFile(this.file, 'utf8').catch(() => undefined);
    const name = basename(this.file);
    // A mounted secret swaps a `..data` link beside the file rather than the file itself.
    this.watcher = watch(dirname(this.file), (_event, changed) => {
      if (changed === null || changed === name || changed.startsWith('..')) void this.reload();
    });
    this.watcher.on('error', (error: Error) => {
      this.logger.error(`Watching ${this.file} failed: ${error.message}; SIGHUP still reloads it`);
    });
    process.on('SIGHUP', this.onHangup);
  }

  stop(): void {
    this.watcher?.close();
    process.off('SIGHUP', this.onHangup);
  }

  /** Reads the file again; resolves once the store holds what the file said last. Reloads asked meanwhile run once more after. */
  reload(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.readOnce();
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  private async readOnce(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      this.logger.error(`${this.file} cannot be read: ${(error as Error).message}; the trusted keys stay as they were`);
      return;
    }
    if (text === this.lastText) return;
    try {
      this.trust.replaceWith(parseTrustFile(text, this.file));
    } catch (error) {
      this.logger.error(`${this.file} was not reloaded: ${(error as Error).message}; the trusted keys stay as they were`);
      return;
    }
    this.lastText = text;
    this.logger.log(`Reloaded the trusted keys from ${this.file}`);
  }
}
