import { describeServiceApp } from '@naperj/service-kit/testing';
import { AppModule } from './app.module';

describeServiceApp('reporting', AppModule);
