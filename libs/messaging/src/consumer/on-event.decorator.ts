import type { EventDataOf, EventType, EventVisibility } from '@naperj/contracts';
import 'reflect-metadata';
import type { CloudEvent } from '../envelope/cloud-event';
import type { EventContext } from './event-context';

/** One `@OnEvent` on a method: the event type and the kind of topic it is read from. */
export interface EventBinding {
  type: EventType;
  from: EventVisibility;
}

export interface OnEventOptions<V extends EventVisibility> {
  /** `private`: the node's own service topics; `shared`: shared topics (usually peers'). */
  from: V;
}

/** What a method must accept to handle `T` read from `V` topics: its payload class for that visibility. */
export type EventHandlerMethod<T extends EventType, V extends EventVisibility> = (event: CloudEvent<EventDataOf<T, V>>, context: EventContext) => unknown;

const EVENT_BINDINGS = Symbol('naperj:event-bindings');

/**
 * Marks a provider method as the handler of `type` (or of each of several types sharing a
 * payload) read from topics of one visibility; the compiler checks the method takes that
 * payload. A method may carry several; its class must be listed in its group's `handlers`.
 */
export function OnEvent<T extends EventType, V extends EventVisibility>(type: T | readonly T[], { from }: OnEventOptions<V>) {
  const types: readonly T[] = typeof type === 'string' ? [type] : type;
  return <M extends EventHandlerMethod<T, V>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const method = descriptor.value as object;
    Reflect.defineMetadata(EVENT_BINDINGS, [...eventBindingsOf(method), ...types.map((each) => ({ type: each, from }))], method);
  };
}

/** The bindings `@OnEvent` put on a method, none for other functions. */
export function eventBindingsOf(method: object): EventBinding[] {
  return (Reflect.getMetadata(EVENT_BINDINGS, method) as EventBinding[] | undefined) ?? [];
}
