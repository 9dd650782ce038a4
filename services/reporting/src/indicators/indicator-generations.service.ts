import type { EventContext } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { IndicatorRepository } from './indicator.repository';

/** The indicators of each read-model generation; an event's generation is the instance of the group that read it. */
@Injectable()
export class IndicatorGenerations {
  private readonly repositories = new Map<string, IndicatorRepository>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  of(generation: string): IndicatorRepository {
    let repository = this.repositories.get(generation);
    if (!repository) this.repositories.set(generation, (repository = new IndicatorRepository(this.connection, generation)));
    return repository;
  }

  forEvent({ instance, groupId }: Pick<EventContext, 'instance' | 'groupId'>): IndicatorRepository {
    if (instance === undefined) throw new Error(`${groupId} runs without a generation: the indicators group is started on demand only`);
    return this.of(instance);
  }
}
