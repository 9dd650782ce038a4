import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { ExpertAccount, ExpertAccountSchema } from '../experts/expert-account.schema';
import { ExpertsModule } from '../experts/experts.module';
import { AnsweringExpertsRepository } from './answering-experts.repository';
import { ExchangeEntry, ExchangeEntrySchema } from './exchange-entry.schema';
import { ExchangeEventsRepository } from './exchange-events.repository';
import { ExchangeResponseEntry, ExchangeResponseEntrySchema } from './exchange-response-entry.schema';
import { ExchangeResponsesRepository } from './exchange-responses.repository';
import { ExchangesController } from './exchanges.controller';
import { ExchangesRepository } from './exchanges.repository';
import { ExchangesService } from './exchanges.service';
import { OwnExchangesProjection } from './own-exchanges.projection';
import { PartnerExchangesProjection } from './partner-exchanges.projection';

/**
 * The network's exchanges: requests, answers and closings, the node's own and its partners';
 * the event store (AppModule's outbox) decides each.
 */
@Module({
  imports: [
    DirectoryModule,
    ExpertsModule,
    MongooseModule.forFeature([
      { name: ExchangeEntry.name, schema: ExchangeEntrySchema },
      { name: ExchangeResponseEntry.name, schema: ExchangeResponseEntrySchema },
      { name: ExpertAccount.name, schema: ExpertAccountSchema },
    ]),
  ],
  controllers: [ExchangesController, OwnExchangesProjection, PartnerExchangesProjection],
  providers: [ExchangesService, ExchangeEventsRepository, ExchangesRepository, ExchangeResponsesRepository, AnsweringExpertsRepository],
})
export class ExchangesModule {}
