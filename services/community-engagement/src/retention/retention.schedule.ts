import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { communityEngagementConfig } from '../config/community-engagement-config';
import { JobLease } from '../scheduling/job-lease';
import { PeriodicJob } from '../scheduling/periodic-job';
import { RetentionService } from './retention.service';

/** Erases testimony past its retention period, on one replica per slot. */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(@Inject(communityEngagementConfig.KEY) config: ConfigType<typeof communityEngagementConfig>, lease: JobLease, retention: RetentionService) {
    this.job = new PeriodicJob('testimony-retention', config.retentionSweepIntervalMs, lease, (now) => retention.eraseExpired(now));
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
