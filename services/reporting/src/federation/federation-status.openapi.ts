import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import { HEALTH_THRESHOLDS, LATENCY_WINDOW } from './federation-health';

type SchemaObject = ApiResponseSchemaHost['schema'];

const EXAMPLE = {
  node: 'mx',
  generatedAt: '2026-11-29T05:00:30.000Z',
  thresholds: HEALTH_THRESHOLDS,
  latencyWindow: LATENCY_WINDOW,
  countedSince: '2026-11-01T12:00:00.000Z',
  outbox: { pending: 2, oldestPendingAgeSeconds: 0.12, parked: 1 },
  outboxes: [
    { service: 'submissions', pending: 2, oldestPendingAgeSeconds: 0.12, parked: 1 },
    { service: 'expert-network', pending: 0, oldestPendingAgeSeconds: 0, parked: 0 },
    { service: 'community-engagement', pending: 0, oldestPendingAgeSeconds: 0, parked: 0 },
    { service: 'reporting', pending: 0, oldestPendingAgeSeconds: 0, parked: 0 },
  ],
  peers: [
    {
      country: 'us',
      health: 'green',
      lastHeartbeat: {
        sentAt: '2026-11-29T05:00:25.120Z',
        receivedAt: '2026-11-29T05:00:25.480Z',
        ageSeconds: 4.88,
        emitterId: '019ac5e2-7c1f-7a3b-8c4d-5e6f7a8b9c0d',
        sequence: 4242,
      },
      replicationLatency: { medianSeconds: 0.36, samples: 31 },
      eventsReceived: { submissions: 12, experts: 4, exchanges: 2, insights: 0, heartbeats: 8640 },
      signatureFailures: 0,
      deadLetters: { total: 0, byReason: {} },
    },
    {
      country: 'ca',
      health: 'red',
      lastHeartbeat: {
        sentAt: '2026-11-29T04:41:02.004Z',
        receivedAt: '2026-11-29T04:41:02.511Z',
        ageSeconds: 1167.996,
        emitterId: '019ac5e2-0000-7000-8000-00000000c0a1',
        sequence: 917,
      },
      replicationLatency: { medianSeconds: null, samples: 0 },
      eventsReceived: { submissions: 7, experts: 1, exchanges: 0, insights: 3, heartbeats: 917 },
      signatureFailures: 2,
      deadLetters: { total: 3, byReason: { untrusted: 2, invalid: 1 } },
    },
  ],
};

const count = { type: 'integer', minimum: 0 };

export const FEDERATION_STATUS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    node: { type: 'string' },
    generatedAt: { type: 'string', format: 'date-time' },
    thresholds: {
      type: 'object',
      description: 'green: newest heartbeat younger than greenBelowSeconds; amber: younger than amberBelowSeconds; red: older, or none',
      properties: { basis: { type: 'string' }, greenBelowSeconds: { type: 'number' }, amberBelowSeconds: { type: 'number' } },
    },
    latencyWindow: { type: 'object', properties: { seconds: { type: 'number' }, maxSamples: { type: 'integer' } } },
    countedSince: { type: 'string', format: 'date-time', nullable: true, description: 'Counts of events, signature failures and dead letters start here' },
    outbox: {
      type: 'object',
      description: "The node's outboxes together: events of all its services not yet in Kafka, the oldest one's age, and the parked ones",
      properties: { pending: count, oldestPendingAgeSeconds: { type: 'number' }, parked: count },
    },
    outboxes: {
      type: 'array',
      description: "Each service's outbox on this node: events recorded and not yet in Kafka, and events parked because Kafka can never take them",
      items: {
        type: 'object',
        properties: { service: { type: 'string' }, pending: count, oldestPendingAgeSeconds: { type: 'number' }, parked: count },
      },
    },
    peers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          country: { type: 'string', enum: ['us', 'mx', 'ca'] },
          health: { type: 'string', enum: ['green', 'amber', 'red'] },
          lastHeartbeat: {
            type: 'object',
            nullable: true,
            properties: {
              sentAt: { type: 'string', format: 'date-time' },
              receivedAt: { type: 'string', format: 'date-time' },
              ageSeconds: { type: 'number' },
              emitterId: { type: 'string', description: 'The partner process that sent it' },
              sequence: { type: 'integer', description: "That process's heartbeat count: gaps are lost heartbeats" },
            },
          },
          replicationLatency: {
            type: 'object',
            description: 'Median receive time − ce_time of the recent events and heartbeats in the window; null without any',
            properties: { medianSeconds: { type: 'number', nullable: true }, samples: count },
          },
          eventsReceived: { type: 'object', description: 'Events received per shared stream, each counted once', additionalProperties: count },
          signatureFailures: { ...count, description: 'Messages refused for their source or signature (DLQ reason "untrusted"), each counted once' },
          deadLetters: {
            type: 'object',
            description: 'Messages of the partner that any consumer group of this node dead-lettered, each counted once, by the first reason given',
            properties: { total: count, byReason: { type: 'object', additionalProperties: count } },
          },
        },
      },
    },
  },
  example: EXAMPLE,
};
