import { EncryptionModule } from '@naperj/service-kit';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { ExpertAccount, ExpertAccountSchema } from './expert-account.schema';
import { ExpertAccountsRepository } from './expert-accounts.repository';
import { ExpertContactRecord, ExpertContactRecordSchema } from './expert-contact.schema';
import { ExpertContactsRepository } from './expert-contacts.repository';
import { ExpertEventsRepository } from './expert-events.repository';
import { ExpertsController } from './experts.controller';
import { ExpertsService } from './experts.service';

/** Experts' profiles: registration, changes, withdrawal; the event store (AppModule's outbox) decides each. */
@Module({
  imports: [
    EncryptionModule,
    DirectoryModule,
    MongooseModule.forFeature([
      { name: ExpertContactRecord.name, schema: ExpertContactRecordSchema },
      { name: ExpertAccount.name, schema: ExpertAccountSchema },
    ]),
  ],
  controllers: [ExpertsController],
  providers: [ExpertsService, ExpertEventsRepository, ExpertContactsRepository, ExpertAccountsRepository],
  exports: [ExpertEventsRepository],
})
export class ExpertsModule {}
