import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CatalogEntry, CatalogEntrySchema } from './catalog-entry.schema';
import { CatalogRepository } from './catalog.repository';
import { OwnCatalogProjection } from './own-catalog.projection';
import { PeerCatalogProjection } from './peer-catalog.projection';

/** The node's catalog: its own submissions and its partners' published ones. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CatalogEntry.name, schema: CatalogEntrySchema }])],
  controllers: [PeerCatalogProjection, OwnCatalogProjection],
  providers: [CatalogRepository],
  exports: [CatalogRepository],
})
export class CatalogModule {}
