/**
 * What each service does on its node's Kafka cluster, read from the code: the topics it
 * provisions (the kit's TopicProvisioner), the topics it writes (the event catalogue, its
 * dead-letter and re-drive topics), the topics its consumer groups read (every
 * `@EventPattern` handler of the service, through the transport's own `topicsFor`), and the
 * prefixes of its consumer groups and transactional ids. The overlays' KafkaUsers and
 * KafkaTopics are checked against this.
 */
import {
  catalogueEntry,
  type CountryCode,
  dlqTopic,
  nodeTopics,
  peerSharedTopics,
  privateEventsTopic,
  redriveTopic,
  SERVICE_NAMES,
  type ServiceName,
  SHARED_STREAMS,
  sharedTopic,
  typesOfService,
} from '@naperj/contracts';
import { type HandlerSource, type SharedOrigins, topicsFor } from '@naperj/messaging';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import { repoPath } from '../support/repo';

export interface ServiceKafkaAccess {
  /** Listed, described and their settings read by topic provisioning and the producers' size limits. */
  describes: string[];
  writes: string[];
  reads: string[];
  /** Consumer groups `<cc>.<service>.<group>`, the re-drive group and its scans. */
  groupPrefix: string;
  /** The outbox relays' transactional ids, `<cc>.<service>.outbox.<connection>.<collection>`. */
  transactionalIdPrefix: string;
}

/**
 * Topics a service reads outside `@EventPattern` handlers, each with where: the code has no
 * declaration to derive them from.
 */
const READS_BEYOND_HANDLERS: Readonly<Partial<Record<ServiceName, (country: CountryCode, peers: readonly CountryCode[]) => string[]>>> = {
  // services/reporting/src/stream/integrator-streams.ts: every shared topic of the node and its peers, streamed to integrators.
  reporting: (country, peers) => [country, ...peers].flatMap((origin) => SHARED_STREAMS.map((stream) => sharedTopic(origin, stream))),
};

interface Handler {
  type: string;
  from: HandlerSource;
  origins: SharedOrigins;
}

const handlerCache = new Map<ServiceName, Handler[]>();

/** Every `@EventPattern` handler of the service's source, from the decorators' metadata. */
export function eventHandlers(service: ServiceName): Handler[] {
  const cached = handlerCache.get(service);
  if (cached) return cached;
  const handlers: Handler[] = [];
  for (const file of sourceFiles(repoPath('services', service, 'src'))) {
    if (!readFileSync(file, 'utf8').includes('@EventPattern(')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as Record<string, unknown>;
    for (const exported of Object.values(module)) {
      if (typeof exported !== 'function') continue;
      const prototype = (exported as { prototype?: object }).prototype;
      if (!prototype) continue;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[key];
        if (typeof method !== 'function') continue;
        const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as unknown;
        if (patterns === undefined) continue;
        // The transport's defaults (libs/messaging parseHandlerOptions); topicsFor refuses a bad `from`.
        const { from, origins = 'peers' } = (Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method) ?? {}) as { from: HandlerSource; origins?: SharedOrigins };
        for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) handlers.push({ type: String(pattern), from, origins });
      }
    }
  }
  handlerCache.set(service, handlers);
  return handlers;
}

/** The service's TypeScript sources, without tests and test helpers. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function serviceKafkaAccess(service: ServiceName, country: CountryCode, peers: readonly CountryCode[]): ServiceKafkaAccess {
  const emitted = typesOfService(service).map(catalogueEntry);
  const handlers = eventHandlers(service);
  const consumes = handlers.length > 0;
  const writes = new Set<string>();
  if (emitted.some((entry) => entry.privatePayload)) writes.add(privateEventsTopic(country, service));
  for (const entry of emitted) if (entry.shared) writes.add(sharedTopic(country, entry.shared.stream));
  const reads = new Set(handlers.flatMap(({ type, from, origins }) => topicsFor(type, from, origins, { country, peers }).map((topic) => topic.name)));
  if (consumes) {
    // A consumer dead-letters what it cannot apply, re-drives it through its re-drive topic
    // and scans its dead-letter topic for parked records (docs/architecture.md, Re-drives).
    writes.add(dlqTopic(country, service));
    writes.add(redriveTopic(country, service));
    reads.add(dlqTopic(country, service));
    reads.add(redriveTopic(country, service));
  }
  for (const topic of READS_BEYOND_HANDLERS[service]?.(country, peers) ?? []) reads.add(topic);
  return {
    describes: [...nodeTopics(country), ...peerSharedTopics(peers)].map((spec) => spec.name).sort(),
    writes: [...writes].sort(),
    reads: [...reads].sort(),
    groupPrefix: `${country}.${service}.`,
    transactionalIdPrefix: `${country}.${service}.outbox.`,
  };
}

export const SERVICES: readonly ServiceName[] = SERVICE_NAMES;
