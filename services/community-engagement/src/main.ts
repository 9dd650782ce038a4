// First: OpenTelemetry must patch libraries before NestJS loads them.
import '@naperj/service-kit/instrument';
import { runService } from '@naperj/service-kit';
import { AppModule } from './app.module';

runService(AppModule, { service: 'community-engagement' });
