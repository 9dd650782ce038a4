import { Module } from '@nestjs/common';

/**
 * The expert network domain. Health and the other endpoints every service shares
 * come from ServiceRootModule (@naperj/service-kit).
 */
@Module({})
export class AppModule {}
