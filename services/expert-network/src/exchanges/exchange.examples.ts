import type { ApiBodyOptions } from '@nestjs/swagger';

type Examples = NonNullable<Extract<ApiBodyOptions, { schema: unknown }>['examples']>;

/** Request examples for the OpenAPI document, in the partnership's languages. */
export const EXCHANGE_EXAMPLES: Record<'create' | 'respond' | 'close', Examples> = {
  create: {
    promotoras: {
      summary: 'Canada asks Mexico and the United States, in French',
      value: {
        question: {
          fr: 'Comment former des agentes de santé communautaire autochtones dans leur propre langue ?',
          en: 'How do you train Indigenous community health workers in their own language?',
        },
        originalLanguage: 'fr',
        actionAreas: ['health-equity'],
        languages: ['fr', 'en', 'cr'],
        targetCountries: ['mx', 'us'],
        dueAt: '2026-12-15T23:00:00.000Z',
      },
    },
    jurados: {
      summary: 'Mexico asks every country, its own experts included, in Spanish',
      value: {
        question: { es: '¿Qué fuentes de datos usan para que los jurados reflejen a las comunidades afrodescendientes?' },
        originalLanguage: 'es',
        actionAreas: ['justice-system'],
        languages: ['es', 'en'],
        targetCountries: ['us', 'ca', 'mx'],
        dueAt: '2027-01-31T23:00:00.000Z',
      },
    },
  },
  respond: {
    curriculum: {
      summary: 'An answer in Spanish, with an English translation',
      value: {
        message: {
          es: 'Formamos a las promotoras en mixteco y amuzgo con materiales hechos por las propias comunidades.',
          en: 'We train community health workers in Mixtec and Amuzgo with materials made by the communities themselves.',
        },
        originalLanguage: 'es',
      },
    },
  },
  close: {
    submission: { summary: 'Closed: it led to a submission', value: { outcome: { kind: 'submission', submissionId: '01a225da-4c05-72c1-95c7-7614e4a3066b' } } },
    proposal: {
      summary: 'Closed: it led to a proposal for a new action area',
      value: { outcome: { kind: 'action-area-proposal', proposal: { en: 'Training in Indigenous languages for public health workers' } } },
    },
    plain: { summary: 'Closed, no outcome named', value: {} },
  },
};
