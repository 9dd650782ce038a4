import type { ServiceName } from '@naperj/contracts';
import type { Type } from '@nestjs/common';
import { AppModule as CommunityEngagementModule } from '@naperj/community-engagement/app.module';
import { AppModule as ExpertNetworkModule } from '@naperj/expert-network/app.module';
import { AppModule as ReportingModule } from '@naperj/reporting/app.module';
import { AppModule as SubmissionsModule } from '@naperj/submissions/app.module';

/** Each service's root module, to start it in-process. */
export const APP_MODULES: Record<ServiceName, Type<unknown>> = {
  submissions: SubmissionsModule,
  'expert-network': ExpertNetworkModule,
  'community-engagement': CommunityEngagementModule,
  reporting: ReportingModule,
};

export const SERVICES = Object.keys(APP_MODULES) as ServiceName[];
