import { type HandlerSource, type SharedOrigins } from './consumed-topic';

/**
 * The second argument of `@EventPattern(type, options)` on a `@Controller()` method run by
 * `KafkaEventServer`: the consumer group that runs it and where its events come from.
 */
export interface EventHandlerOptions {
  /** Kebab-case; the Kafka group id is `<cc>.<service>.<group>`, e.g. `mx.submissions.peer-catalog`. */
  group: string;
  from: HandlerSource;
  /** For `from: 'shared'`: the partners' topics only (the default), or the node's own too. */
  origins?: SharedOrigins;
  /**
   * `on-bootstrap` (the default): the group runs from `startAllMicroservices()` to shutdown.
   * `on-demand`: its owner starts and stops it, under a run-time instance name.
   */
  start?: 'on-bootstrap' | 'on-demand';
  /**
   * The handler's effect is the same however often an event arrives (every write guarded by
   * the entity's version or the partition's offset), so the group does not check or write the
   * consumed-event ledger for it: two database commands fewer per event. Off by default.
   */
  idempotent?: boolean;
}

const GROUP_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SOURCES: readonly HandlerSource[] = ['own', 'shared', 'dead-letters'];

/** The options of a handler of `pattern`, checked: a wiring mistake stops the service at start. */
export function parseHandlerOptions(pattern: unknown, extras: Record<string, unknown> | undefined): Required<EventHandlerOptions> {
  const { group, from, origins = 'peers', start = 'on-bootstrap', idempotent = false } = (extras ?? {}) as Partial<EventHandlerOptions>;
  const problem = (what: string) => new Error(`@EventPattern(${JSON.stringify(pattern)}) ${what}`);
  if (typeof pattern !== 'string') throw problem('must name one event type (a string) per pattern');
  if (typeof group !== 'string' || !GROUP_NAME.test(group)) throw problem(`needs a kebab-case { group } (got ${JSON.stringify(group)})`);
  if (!SOURCES.includes(from as HandlerSource)) throw problem(`needs { from: ${SOURCES.map((s) => `'${s}'`).join(' | ')} } (got ${JSON.stringify(from)})`);
  if (origins !== 'peers' && origins !== 'all') throw problem(`has origins ${JSON.stringify(origins)}: 'peers' or 'all'`);
  if (start !== 'on-bootstrap' && start !== 'on-demand') throw problem(`has start ${JSON.stringify(start)}: 'on-bootstrap' or 'on-demand'`);
  if (typeof idempotent !== 'boolean') throw problem(`has idempotent ${JSON.stringify(idempotent)}: true or false`);
  return { group, from: from as HandlerSource, origins, start, idempotent };
}
