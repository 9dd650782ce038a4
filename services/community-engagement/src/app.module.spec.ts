import { describeServiceApp } from '@naperj/service-kit/testing';
import { AppModule } from './app.module';

describeServiceApp('community-engagement', AppModule);
