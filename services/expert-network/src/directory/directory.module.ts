import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryEntry, DirectoryEntrySchema } from './directory-entry.schema';
import { DirectoryRepository } from './directory.repository';
import { OwnDirectoryProjection } from './own-directory.projection';
import { PartnerDirectoryProjection } from './partner-directory.projection';

/** The federated directory: the node's own experts and its partners' consented public profiles. */
@Module({
  imports: [MongooseModule.forFeature([{ name: DirectoryEntry.name, schema: DirectoryEntrySchema }])],
  controllers: [PartnerDirectoryProjection, OwnDirectoryProjection],
  providers: [DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
