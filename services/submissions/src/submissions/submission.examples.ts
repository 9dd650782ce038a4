import type { ApiBodyOptions } from '@nestjs/swagger';

type Examples = NonNullable<Extract<ApiBodyOptions, { schema: unknown }>['examples']>;

/** Request examples for the OpenAPI document, one per language of the partnership. */
export const SUBMISSION_EXAMPLES: Record<'create' | 'update' | 'review' | 'withdraw', Examples> = {
  create: {
    promotoras: {
      summary: 'A practice from Mexico, written in Spanish',
      value: {
        kind: 'practice',
        title: { es: 'Promotoras comunitarias de salud en lenguas indígenas', en: 'Community health promoters in Indigenous languages' },
        summary: {
          es: 'Una red de promotoras acompaña a las familias indígenas a sus citas médicas y les explica los tratamientos en su lengua materna.',
          en: 'A network of promoters accompanies Indigenous families to medical appointments and explains treatments in their mother tongue.',
        },
        originalLanguage: 'es',
        actionAreas: ['health-equity'],
        sdgTargets: ['3.8', '10.2'],
        frameworks: ['sdg', 'undrip'],
        populations: ['Pueblos indígenas'],
        evidence: { level: 'evaluated', outcomes: { es: 'Las consultas prenatales aumentaron un 38 % en dos años.' } },
        sharing: 'trilateral',
        links: ['https://www.gob.mx/salud'],
      },
    },
    jurors: {
      summary: 'A policy from the United States, written in English',
      value: {
        kind: 'policy',
        title: { en: 'Representative jury pools through updated source lists' },
        summary: { en: 'Courts merge voter rolls with driver and benefits records so that jury pools reflect the communities they serve.' },
        originalLanguage: 'en',
        actionAreas: ['justice-system', 'ballot-access'],
        sdgTargets: ['16.7'],
        sharing: 'public',
      },
    },
    mentorat: {
      summary: 'A strategy from Canada, written in French',
      value: {
        kind: 'strategy',
        title: { fr: 'Mentorat pour une fonction publique représentative' },
        summary: { fr: 'Un programme jumelle des fonctionnaires racisés avec des cadres supérieurs pour lever les obstacles à l’avancement.' },
        originalLanguage: 'fr',
        actionAreas: ['public-service-workforce'],
        sharing: 'national',
      },
    },
  },
  update: {
    translate: {
      summary: 'Add a French translation of the title',
      value: { title: { es: 'Promotoras comunitarias de salud en lenguas indígenas', fr: 'Promotrices de santé communautaires en langues autochtones' } },
    },
    removeLinks: { summary: 'Remove the links', value: { links: null } },
  },
  review: {
    approve: { summary: 'Approve', value: { decision: 'approve', comment: 'Evidencia sólida y bien documentada.' } },
    changes: { summary: 'Ask for changes', value: { decision: 'changes-requested', comment: 'Please add the evaluation report to the links.' } },
  },
  withdraw: {
    superseded: { summary: 'Withdraw with a reason', value: { reason: 'Remplacée par une version évaluée en 2026.' } },
  },
};
