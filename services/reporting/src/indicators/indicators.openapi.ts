import { SDG_TARGET_PATTERN, SUBMISSION_KINDS, SUBMISSION_STATUSES } from '@naperj/contracts';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';

type SchemaObject = ApiResponseSchemaHost['schema'];

const counts = (keys: readonly string[]): SchemaObject => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer', minimum: 0 }])),
  required: [...keys],
});

export const PUBLISHED_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Published submissions: own ones of any sharing level, and those partners shared',
  properties: {
    total: { type: 'integer', minimum: 0 },
    byKind: counts(SUBMISSION_KINDS),
    bySdgTarget: {
      type: 'array',
      description: 'SDG targets in UN order; a list, since a target such as "10.2" is no object key',
      items: { type: 'object', properties: { sdgTarget: { type: 'string', pattern: SDG_TARGET_PATTERN.source }, count: { type: 'integer', minimum: 1 } } },
    },
  },
};

export const INDICATOR_ROW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    country: { type: 'string', enum: ['us', 'mx', 'ca'] },
    actionArea: { type: 'string' },
    submissionsByStatus: {
      ...counts(SUBMISSION_STATUSES),
      nullable: true,
      description: "The node's own submissions by status; null for partners, whose drafts never leave their node",
    },
    published: PUBLISHED_SCHEMA,
  },
};

export const INDICATOR_ROW_EXAMPLE = {
  country: 'mx',
  actionArea: 'education',
  submissionsByStatus: { draft: 3, submitted: 1, 'changes-requested': 0, published: 2, rejected: 0, withdrawn: 1 },
  published: {
    total: 2,
    byKind: { practice: 1, strategy: 0, policy: 1, dataset: 0, 'action-area-proposal': 0 },
    bySdgTarget: [
      { sdgTarget: '4.5', count: 2 },
      { sdgTarget: '10.2', count: 1 },
    ],
  },
};

export const INDICATOR_PAGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: { type: 'array', items: INDICATOR_ROW_SCHEMA, description: 'One row per country × action area, the node first, zeros included' },
    nextCursor: { type: 'string', nullable: true, description: 'Always null: the grid fits one page' },
  },
  example: {
    items: [
      INDICATOR_ROW_EXAMPLE,
      {
        country: 'ca',
        actionArea: 'education',
        submissionsByStatus: null,
        published: {
          total: 1,
          byKind: { practice: 0, strategy: 1, policy: 0, dataset: 0, 'action-area-proposal': 0 },
          bySdgTarget: [{ sdgTarget: '4.5', count: 1 }],
        },
      },
    ],
    nextCursor: null,
  },
};
