import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { communityEngagementConfig } from '../config/community-engagement-config';
import { JobLease } from '../scheduling/job-lease';
import { PeriodicJob } from '../scheduling/periodic-job';
import { ConsultationsService } from './consultations.service';

/** Opens and closes consultations by their dates, on one replica per slot. */
@Injectable()
export class ConsultationSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    @Inject(communityEngagementConfig.KEY) config: ConfigType<typeof communityEngagementConfig>,
    lease: JobLease,
    consultations: ConsultationsService,
  ) {
    this.job = new PeriodicJob('consultation-schedule', config.consultationScheduleIntervalMs, lease, (now) => consultations.applySchedule(now));
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
