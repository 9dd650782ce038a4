import { ACTION_AREAS, COUNTRY_CODES } from '@naperj/contracts';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

const COUNT: SchemaObject = { type: 'integer', minimum: 0 };

export const INSIGHT_ROW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    country: { type: 'string', enum: [...COUNTRY_CODES] },
    actionArea: { type: 'string', enum: [...ACTION_AREAS] },
    insights: { ...COUNT, description: "Insights published: each consultation's latest version" },
    publishedCells: { ...COUNT, description: 'Cells of their tables published, each of at least k = 5 contributions' },
    suppressedCells: { ...COUNT, description: 'Cells suppressed: below k, or hidden so that none can be derived from totals' },
  },
};

export const INSIGHT_ROW_EXAMPLE = { country: 'mx', actionArea: 'health-equity', insights: 1, publishedCells: 3, suppressedCells: 2 };

export const INSIGHT_INDICATORS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: { type: 'array', items: INSIGHT_ROW_SCHEMA, description: 'One row per country × action area, the node first, zeros included' },
    nextCursor: { type: 'string', nullable: true, description: 'Always null: the grid fits one page' },
  },
  example: { items: [INSIGHT_ROW_EXAMPLE], nextCursor: null },
};
