import 'reflect-metadata';
import { bootstrapService } from '@naperj/service-kit';
import { AppModule } from './app.module';

void bootstrapService(AppModule, { service: 'expert-network' });
