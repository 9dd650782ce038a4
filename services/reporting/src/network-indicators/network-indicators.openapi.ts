import { ACTION_AREAS, COUNTRY_CODES } from '@naperj/contracts';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

const COUNT: SchemaObject = { type: 'integer', minimum: 0 };
const COUNTRY: SchemaObject = { type: 'string', enum: [...COUNTRY_CODES] };
const SECONDS: SchemaObject = { type: 'integer', minimum: 0, nullable: true };
const NO_CURSOR: SchemaObject = { type: 'string', nullable: true, description: 'Always null: the indicators fit one page' };

const EXPERT_COUNT_PROPERTIES = {
  experts: { ...COUNT, description: 'Current experts: registered and not withdrawn (a partner’s: shared and not withdrawn)' },
  byLanguage: {
    type: 'array',
    description: 'Experts per language they work in, by primary language subtag (es-MX counts as es); most spoken first',
    items: { type: 'object', properties: { language: { type: 'string', example: 'nah' }, count: { ...COUNT, minimum: 1 } } },
  },
};

export const EXPERT_INDICATORS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      description: 'One row per country × action area, the node first, zeros included; an expert in several areas counts in each',
      items: { type: 'object', properties: { country: COUNTRY, actionArea: { type: 'string', enum: [...ACTION_AREAS] }, ...EXPERT_COUNT_PROPERTIES } },
    },
    countries: {
      type: 'array',
      description: 'One row per country, each expert counted once',
      items: { type: 'object', properties: { country: COUNTRY, ...EXPERT_COUNT_PROPERTIES } },
    },
    nextCursor: NO_CURSOR,
  },
  example: {
    items: [
      {
        country: 'mx',
        actionArea: 'education',
        experts: 3,
        byLanguage: [
          { language: 'es', count: 3 },
          { language: 'nah', count: 1 },
        ],
      },
    ],
    countries: [{ country: 'mx', experts: 5, byLanguage: [{ language: 'es', count: 5 }] }],
    nextCursor: null,
  },
};

export const EXCHANGE_ROW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    country: { ...COUNTRY, description: 'The asking country' },
    total: COUNT,
    open: COUNT,
    closed: COUNT,
    answered: { ...COUNT, description: 'Exchanges with at least one answer, open or closed, from any country' },
    medianSecondsToFirstAnswer: { ...SECONDS, description: 'Median, over the answered exchanges, of the time from the request to its first answer' },
  },
};

export const EXCHANGE_ROW_EXAMPLE = { country: 'ca', total: 4, open: 3, closed: 1, answered: 2, medianSecondsToFirstAnswer: 15300 };

export const EXCHANGE_INDICATORS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { items: { type: 'array', items: EXCHANGE_ROW_SCHEMA, description: 'One row per country, the node first' }, nextCursor: NO_CURSOR },
  example: { items: [EXCHANGE_ROW_EXAMPLE], nextCursor: null },
};

export const ERASURE_ROW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    country: { ...COUNTRY, description: 'The origin country, whose shared profiles were withdrawn' },
    withdrawals: { ...COUNT, description: 'Withdrawals of its shared profiles (consent withdrawn, or no longer shared)' },
    partners: {
      type: 'array',
      description: 'Every other country of the federation, which must erase its copies',
      items: {
        type: 'object',
        properties: {
          country: COUNTRY,
          receipts: { ...COUNT, description: 'Erasure receipts received from it' },
          pending: { ...COUNT, description: 'Withdrawals it has not confirmed yet' },
          medianSecondsToReceipt: { ...SECONDS, description: 'Median time from a withdrawal to its receipt' },
        },
      },
    },
  },
};

export const ERASURE_ROW_EXAMPLE = {
  country: 'mx',
  withdrawals: 2,
  partners: [
    { country: 'us', receipts: 2, pending: 0, medianSecondsToReceipt: 4 },
    { country: 'ca', receipts: 1, pending: 1, medianSecondsToReceipt: 6 },
  ],
};

export const ERASURE_INDICATORS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { items: { type: 'array', items: ERASURE_ROW_SCHEMA, description: 'One row per origin country, the node first' }, nextCursor: NO_CURSOR },
  example: { items: [ERASURE_ROW_EXAMPLE], nextCursor: null },
};
