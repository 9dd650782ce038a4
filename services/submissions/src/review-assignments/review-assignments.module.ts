import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReviewAssignment, ReviewAssignmentSchema } from './review-assignment.schema';
import { ReviewAssignmentProjection } from './review-assignment.projection';
import { ReviewAssignmentsRepository } from './review-assignments.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: ReviewAssignment.name, schema: ReviewAssignmentSchema }])],
  controllers: [ReviewAssignmentProjection],
  providers: [ReviewAssignmentsRepository],
  exports: [ReviewAssignmentsRepository],
})
export class ReviewAssignmentsModule {}
