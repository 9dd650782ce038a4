import { Module } from '@nestjs/common';
import { SubmissionsModule } from './submissions/submissions.module';

/**
 * The submissions domain: the lifecycle of shared practices and the node's catalog, which
 * includes the partners' published ones. Health and the other endpoints every service
 * shares come from ServiceRootModule (@naperj/service-kit).
 */
@Module({ imports: [SubmissionsModule] })
export class AppModule {}
