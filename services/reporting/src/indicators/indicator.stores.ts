import type { EventContext } from '@naperj/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { IndicatorStore } from './indicator.store';

/** The store of each read-model generation: an event's goes by the instance of the group that read it. */
@Injectable()
export class IndicatorStores {
  private readonly byGeneration = new Map<string, IndicatorStore>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  of({ instance, groupId }: Pick<EventContext, 'instance' | 'groupId'>): IndicatorStore {
    if (instance === undefined) throw new Error(`${groupId} runs without a generation: the indicators group is started on demand only`);
    return this.generation(instance);
  }

  generation(generation: string): IndicatorStore {
    let store = this.byGeneration.get(generation);
    if (!store) this.byGeneration.set(generation, (store = new IndicatorStore(this.connection, generation)));
    return store;
  }
}
