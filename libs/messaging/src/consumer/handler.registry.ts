import type { EventVisibility } from '@naperj/contracts';
import type { Type } from '@nestjs/common';
import { type DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EventHandler } from './event-context';
import { type EventBinding, eventBindingsOf } from './on-event.decorator';

/** A discovered `@OnEvent` method, bound to its provider instance. */
export interface RegisteredHandler extends EventBinding {
  /** `Class.method`, for logs and errors. */
  name: string;
  handle: EventHandler;
}

/** The handlers of one consumer group, by visibility and event type. */
export class EventHandlerRegistry {
  private readonly byKey = new Map<string, RegisteredHandler>();

  constructor(handlers: readonly RegisteredHandler[]) {
    for (const handler of handlers) {
      const key = keyOf(handler.from, handler.type);
      const taken = this.byKey.get(key);
      if (taken) throw new Error(`${handler.type} from ${handler.from} topics has two handlers: ${taken.name} and ${handler.name}`);
      this.byKey.set(key, handler);
    }
  }

  /**
   * Finds the `@OnEvent` methods of `classes` among the application's providers. Each class
   * must be provided exactly once, as a singleton, and handle at least one event.
   */
  static discover(discovery: DiscoveryService, scanner: MetadataScanner, classes: readonly Type[]): EventHandlerRegistry {
    const providers = discovery.getProviders();
    return new EventHandlerRegistry(
      classes.flatMap((handlerClass) => {
        const wrappers = providers.filter((wrapper) => wrapper.metatype === handlerClass);
        if (wrappers.length !== 1) {
          throw new Error(`Event handler ${handlerClass.name} must be a provider of exactly one module (found ${wrappers.length})`);
        }
        const instance: unknown = wrappers[0]!.instance;
        if (!wrappers[0]!.isDependencyTreeStatic() || !instance) {
          throw new Error(`Event handler ${handlerClass.name} must be a singleton provider, not request- or transient-scoped`);
        }
        const handlers = handlersOf(instance as Record<string, unknown>, handlerClass.name, scanner);
        if (handlers.length === 0) throw new Error(`Event handler ${handlerClass.name} has no @OnEvent method`);
        return handlers;
      }),
    );
  }

  /**
   * The `@OnEvent` methods of handler objects built outside dependency injection, e.g. one
   * projection per read-model generation; each must handle at least one event.
   */
  static fromInstances(instances: readonly object[], scanner = new MetadataScanner()): EventHandlerRegistry {
    return new EventHandlerRegistry(
      instances.flatMap((instance) => {
        const className = instance.constructor.name;
        const handlers = handlersOf(instance as Record<string, unknown>, className, scanner);
        if (handlers.length === 0) throw new Error(`Event handler ${className} has no @OnEvent method`);
        return handlers;
      }),
    );
  }

  find(from: EventVisibility, type: string): RegisteredHandler | undefined {
    return this.byKey.get(keyOf(from, type));
  }

  all(): RegisteredHandler[] {
    return [...this.byKey.values()];
  }
}

function handlersOf(instance: Record<string, unknown>, className: string, scanner: MetadataScanner): RegisteredHandler[] {
  return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((methodName) => {
    const method = instance[methodName] as EventHandler;
    return eventBindingsOf(method).map((binding) => ({
      ...binding,
      name: `${className}.${methodName}`,
      handle: (event, context) => method.call(instance, event, context),
    }));
  });
}

function keyOf(from: EventVisibility, type: string): string {
  return `${from} ${type}`;
}
