import type { ServiceConfig } from '@naperj/service-kit';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type DashboardAsset, loadDashboardAssets, toDashboardAsset } from './dashboard-assets';
import { dashboardContext } from './dashboard-context';

/** The dashboard's files, read at start: a missing page stops the service then, not at the first visit. */
@Injectable()
export class DashboardFiles {
  private readonly assets = loadDashboardAssets();
  readonly page: DashboardAsset = this.assets.page;

  constructor(config: ConfigService<ServiceConfig, true>) {
    const context = dashboardContext(config.get('country', { infer: true }), config.get('peers', { infer: true }));
    this.assets.files.set('context.json', toDashboardAsset(Buffer.from(JSON.stringify(context)), 'application/json; charset=utf-8'));
  }

  /** A file by its path under `/dashboard/`. */
  get(path: string): DashboardAsset | undefined {
    return this.assets.files.get(path);
  }
}
