import type { EventContext } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { InsightIndicatorRepository } from './insight-indicator.repository';

/** The insight indicators of each read-model generation; an event's generation is the instance of the group that read it. */
@Injectable()
export class InsightIndicatorGenerations {
  private readonly repositories = new Map<string, InsightIndicatorRepository>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  of(generation: string): InsightIndicatorRepository {
    let repository = this.repositories.get(generation);
    if (!repository) this.repositories.set(generation, (repository = new InsightIndicatorRepository(this.connection, generation)));
    return repository;
  }

  forEvent({ instance, groupId }: Pick<EventContext, 'instance' | 'groupId'>): InsightIndicatorRepository {
    if (instance === undefined) throw new Error(`${groupId} runs without a generation: the indicators group is started on demand only`);
    return this.of(instance);
  }
}
