import { OutboxModule } from '@naperj/messaging';
import { outboxFromServiceConfig } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { DirectoryModule } from './directory/directory.module';
import { ErasureModule } from './erasure/erasure.module';
import { ExchangesModule } from './exchanges/exchanges.module';
import { ExpertsModule } from './experts/experts.module';
import { ReviewMatchingModule } from './review-matching/review-matching.module';

/**
 * The expert network domain. Health and the other endpoints every service shares
 * come from ServiceRootModule (@naperj/service-kit).
 */
@Module({
  imports: [
    // The service's one event store and relay (global): feature modules inject EventStore and never import OutboxModule again.
    OutboxModule.forRootAsync(outboxFromServiceConfig),
    DirectoryModule,
    ExpertsModule,
    ErasureModule,
    ExchangesModule,
    ReviewMatchingModule,
  ],
})
export class AppModule {}
