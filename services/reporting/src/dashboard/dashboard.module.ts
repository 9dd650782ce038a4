import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardFiles } from './dashboard-files';

/** The operators' dashboard at `/`. */
@Module({ controllers: [DashboardController], providers: [DashboardFiles] })
export class DashboardModule {}
