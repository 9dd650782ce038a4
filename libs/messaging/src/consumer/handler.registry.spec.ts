import { Injectable, Scope, type Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { CloudEvent } from '../envelope/cloud-event';
import type { EventContext } from './event-context';
import { EventHandlerRegistry } from './handler.registry';
import { OnEvent } from './on-event.decorator';

const PUBLISHED = 'org.naperj.submission.published.v1';
const WITHDRAWN = 'org.naperj.submission.withdrawn.v1';

@Injectable()
class CatalogProjection {
  readonly seen: string[] = [];

  @OnEvent(PUBLISHED, { from: 'shared' })
  @OnEvent(WITHDRAWN, { from: 'shared' })
  async onChange(event: CloudEvent, context: EventContext): Promise<void> {
    this.seen.push(`${event.type} ${context.origin}`);
  }

  helper(): void {}
}

@Injectable()
class OwnSubmissions {
  @OnEvent(PUBLISHED, { from: 'private' })
  async onPublished(): Promise<void> {}
}

@Injectable()
class Rival {
  @OnEvent(PUBLISHED, { from: 'shared' })
  async onPublished(): Promise<void> {}
}

@Injectable()
class StateProjection {
  @OnEvent([PUBLISHED, WITHDRAWN], { from: 'private' })
  async onState(): Promise<void> {}
}

@Injectable()
class Plain {
  handle(): void {}
}

@Injectable({ scope: Scope.REQUEST })
class PerRequest {
  @OnEvent(WITHDRAWN, { from: 'private' })
  async onWithdrawn(): Promise<void> {}
}

async function discover(provided: Type[], handlers: Type[]): Promise<EventHandlerRegistry> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: provided }).compile();
  return EventHandlerRegistry.discover(moduleRef.get(DiscoveryService), moduleRef.get(MetadataScanner), handlers);
}

describe('EventHandlerRegistry.discover', () => {
  it('finds every @OnEvent of the listed providers, bound to their instance, by visibility', async () => {
    const registry = await discover([CatalogProjection, OwnSubmissions, Rival], [CatalogProjection, OwnSubmissions]);

    expect(registry.all().map(({ name, type, from }) => `${name} ${from} ${type}`)).toEqual([
      `CatalogProjection.onChange shared ${WITHDRAWN}`,
      `CatalogProjection.onChange shared ${PUBLISHED}`,
      `OwnSubmissions.onPublished private ${PUBLISHED}`,
    ]);
    expect(registry.find('private', WITHDRAWN)).toBeUndefined();
  });

  it('binds one method to each type of a list', async () => {
    const registry = await discover([StateProjection], [StateProjection]);
    expect(registry.all().map(({ name, type, from }) => `${name} ${from} ${type}`).sort()).toEqual([
      `StateProjection.onState private ${PUBLISHED}`,
      `StateProjection.onState private ${WITHDRAWN}`,
    ]);
  });

  it('runs a handler on its own instance', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [CatalogProjection] }).compile();
    const registry = EventHandlerRegistry.discover(moduleRef.get(DiscoveryService), moduleRef.get(MetadataScanner), [CatalogProjection]);
    await registry.find('shared', WITHDRAWN)!.handle({ type: WITHDRAWN } as CloudEvent, { origin: 'ca' } as EventContext);
    expect(moduleRef.get(CatalogProjection).seen).toEqual([`${WITHDRAWN} ca`]);
  });

  it('refuses two handlers of one event type from the same kind of topic', async () => {
    await expect(discover([CatalogProjection, Rival], [CatalogProjection, Rival])).rejects.toThrow(
      `${PUBLISHED} from shared topics has two handlers: CatalogProjection.onChange and Rival.onPublished`,
    );
  });

  it('refuses a listed class that no module provides', async () => {
    await expect(discover([], [Rival])).rejects.toThrow('Event handler Rival must be a provider of exactly one module (found 0)');
  });

  it('refuses a listed class without @OnEvent methods', async () => {
    await expect(discover([Plain], [Plain])).rejects.toThrow('Event handler Plain has no @OnEvent method');
  });

  it('refuses a request-scoped handler', async () => {
    await expect(discover([PerRequest], [PerRequest])).rejects.toThrow('Event handler PerRequest must be a singleton provider');
  });
});

describe('EventHandlerRegistry.fromInstances', () => {
  it('finds the @OnEvent methods of objects built outside injection, each bound to its own object', async () => {
    const first = new CatalogProjection();
    const second = new OwnSubmissions();
    const registry = EventHandlerRegistry.fromInstances([first, second]);
    expect(registry.all().map(({ name, from, type }) => `${name} ${from} ${type}`)).toEqual([
      `CatalogProjection.onChange shared ${WITHDRAWN}`,
      `CatalogProjection.onChange shared ${PUBLISHED}`,
      `OwnSubmissions.onPublished private ${PUBLISHED}`,
    ]);
    await registry.find('shared', PUBLISHED)!.handle({ type: PUBLISHED } as CloudEvent, { origin: 'us' } as EventContext);
    expect(first.seen).toEqual([`${PUBLISHED} us`]);
  });

  it('refuses an object without @OnEvent methods, and two handlers of one event', () => {
    expect(() => EventHandlerRegistry.fromInstances([new Plain()])).toThrow('Event handler Plain has no @OnEvent method');
    expect(() => EventHandlerRegistry.fromInstances([new CatalogProjection(), new Rival()])).toThrow(`${PUBLISHED} from shared topics has two handlers`);
  });
});
