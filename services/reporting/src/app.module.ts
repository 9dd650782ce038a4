import { Module } from '@nestjs/common';
import { AsyncApiModule } from './asyncapi/asyncapi.module';
import { StreamModule } from './stream/stream.module';

/**
 * The reporting domain. Health and the other endpoints every service shares
 * come from ServiceRootModule (@naperj/service-kit).
 */
@Module({ imports: [AsyncApiModule, StreamModule] })
export class AppModule {}
