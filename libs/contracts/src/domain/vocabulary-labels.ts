import type { ActionArea, Language } from './vocabularies';

/**
 * The action areas as people read them, in each language of the partnership: what reports
 * and the dashboard show beside the stable codes that machines use.
 */
export const ACTION_AREA_LABELS: Readonly<Record<ActionArea, Readonly<Record<Language, string>>>> = {
  'health-equity': { en: 'Health equity', es: 'Equidad en salud', fr: 'Équité en santé' },
  'economic-inclusion': { en: 'Economic inclusion', es: 'Inclusión económica', fr: 'Inclusion économique' },
  'justice-system': { en: 'Justice system', es: 'Sistema de justicia', fr: 'Système de justice' },
  'ballot-access': { en: 'Access to the ballot', es: 'Acceso al voto', fr: 'Accès au vote' },
  education: { en: 'Education', es: 'Educación', fr: 'Éducation' },
  'public-service-workforce': { en: 'Public service workforce', es: 'Personal del servicio público', fr: 'Effectifs de la fonction publique' },
  other: { en: 'Other', es: 'Otra', fr: 'Autre' },
};
