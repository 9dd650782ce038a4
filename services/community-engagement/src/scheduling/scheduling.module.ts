import { Module } from '@nestjs/common';
import { JobLease } from './job-lease';

/** Leases that let one replica at a time run each periodic job. */
@Module({ providers: [JobLease], exports: [JobLease] })
export class SchedulingModule {}
