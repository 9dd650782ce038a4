import type { ApiBodyOptions } from '@nestjs/swagger';

type Examples = NonNullable<Extract<ApiBodyOptions, { schema: unknown }>['examples']>;

/** Request examples for the OpenAPI document, one per language of the partnership. */
export const EXPERT_EXAMPLES: Record<'register' | 'update', Examples> = {
  register: {
    partera: {
      summary: 'An expert of Mexico registers themself, bio in Spanish',
      value: {
        name: 'Citlali Hernández Xochitiotzi',
        affiliation: 'Universidad Intercultural del Estado de Puebla',
        bio: {
          es: 'Partera tradicional e investigadora en salud materna intercultural con comunidades nahuas de la Sierra Norte de Puebla.',
          en: 'Traditional midwife and researcher in intercultural maternal health with Nahua communities of the Sierra Norte de Puebla.',
        },
        originalLanguage: 'es',
        actionAreas: ['health-equity'],
        sdgTargets: ['3.1', '10.2'],
        frameworks: ['undrip'],
        languages: ['nah', 'es-MX', 'en'],
        populations: ['Pueblos nahuas', 'Mujeres indígenas'],
        contact: { email: 'citlali.hernandez@example.org', phone: '+52 222 555 0142' },
        consent: { shareProfile: true, contactable: true, review: true, wordingVersion: '2026-09' },
      },
    },
    jurist: {
      summary: "A liaison registers an expert of the United States, kept off the partners' directory",
      value: {
        userId: 'a8c1d7e2-jury-reform',
        agency: 'us-doj-crt',
        name: 'Marcus Bell',
        bio: { en: 'Civil rights attorney working on representative jury selection and language access in state courts.' },
        originalLanguage: 'en',
        actionAreas: ['justice-system'],
        languages: ['en', 'es'],
        consent: { shareProfile: false, contactable: false, review: true, wordingVersion: '2026-09' },
      },
    },
    conseillere: {
      summary: 'An expert of Canada, bio in French',
      value: {
        name: 'Aurélie Joseph',
        bio: { fr: 'Conseillère en équité en emploi dans la fonction publique, spécialiste des parcours des personnes afrodescendantes.' },
        originalLanguage: 'fr',
        actionAreas: ['public-service-workforce', 'economic-inclusion'],
        frameworks: ['idpad'],
        languages: ['fr-CA', 'ht', 'en'],
        populations: ['Personnes afrodescendantes'],
        consent: { shareProfile: true, contactable: false, review: false, wordingVersion: '2026-09' },
      },
    },
  },
  update: {
    stopSharing: {
      summary: 'Stop sharing the profile with the partners (they erase their copies)',
      value: { consent: { shareProfile: false } },
    },
    languages: {
      summary: 'Add a language and change the affiliation',
      value: { languages: ['nah', 'es-MX', 'en', 'fr'], affiliation: 'Instituto Nacional de los Pueblos Indígenas' },
    },
    eraseContact: { summary: 'Erase the contact kept by the node', value: { contact: null } },
  },
};
