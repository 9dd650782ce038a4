import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { ExpertsModule } from '../experts/experts.module';
import { ErasureController } from './erasure.controller';
import { ErasureReceiptConsumer } from './erasure-receipt.consumer';
import { ErasureReceiptRecord, ErasureReceiptRecordSchema } from './erasure-receipt.schema';
import { ErasureReceiptsRepository } from './erasure-receipts.repository';
import { PartnerWithdrawalConsumer } from './partner-withdrawal.consumer';

/** Erasure across the federation: partners' withdrawals erased here with a receipt, and partners' receipts for own experts. */
@Module({
  imports: [DirectoryModule, ExpertsModule, MongooseModule.forFeature([{ name: ErasureReceiptRecord.name, schema: ErasureReceiptRecordSchema }])],
  controllers: [ErasureController, PartnerWithdrawalConsumer, ErasureReceiptConsumer],
  providers: [ErasureReceiptsRepository],
})
export class ErasureModule {}
