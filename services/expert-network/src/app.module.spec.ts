import { describeServiceApp } from '@naperj/service-kit/testing';
import { AppModule } from './app.module';

describeServiceApp('expert-network', AppModule);
