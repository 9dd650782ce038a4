import { Module } from '@nestjs/common';
import { LiveReadModels } from './live-read-models';
import { ReadModelRegistry } from './read-model.registry';

/** Which generation of the read models is active, and its live consumer. */
@Module({ providers: [ReadModelRegistry, LiveReadModels], exports: [ReadModelRegistry, LiveReadModels] })
export class ReadModelsModule {}
