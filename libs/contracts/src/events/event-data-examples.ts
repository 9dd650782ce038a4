import type { ConsultationData, ConsultationTheme } from './consultation.events';
import type { PrivateEventData, SharedEventData } from './event-catalogue';
import { EVENT_TYPES as T, type EventType } from './event-types';
import type { SharedExchangeData, SharedExchangeResponseData } from './exchange.events';
import type { SharedExpertData } from './expert.events';
import type { InsightData } from './insight.events';
import type { SubmissionContent, SubmissionData, SubmissionReview } from './submission.events';

type ExamplesOf<K extends EventType> = ([PrivateEventData<K>] extends [never] ? unknown : { readonly private: PrivateEventData<K> }) &
  ([SharedEventData<K>] extends [never] ? unknown : { readonly shared: SharedEventData<K> });

/*
 * One Mexican story across the services: IMSS-Bienestar shares its community health
 * worker programme, an INSP expert reviews it and answers a Canadian request, and a
 * consultation on the Costa Chica yields insights.
 */
const MX_SUBMISSION = '01a225da-4c05-72c1-95c7-7614e4a3066b';
const MX_EXPERT = '01a225da-4c08-72f7-b855-9f786ba59836';
const CA_EXCHANGE = '01a225da-4c08-72f7-b855-a228a9ac4b3f';
const MX_RESPONSE = '01a225da-4c08-72f7-b855-a5af4376bba2';
const MX_ASSIGNMENT = '01a225da-4c08-72f7-b855-aba64fe1d42c';
const MX_CONSULTATION = '01a225da-4c08-72f7-b855-af4971587482';
const MX_CONTRIBUTION = '01a225da-4c08-72f7-b855-b3f392732b0d';
const MX_INSIGHT = '01a225da-4c08-72f7-b855-b477487b744e';
const MX_NODE_PROCESS = '01a225da-4c08-72f7-b855-ba99d83fc9cd';

const submissionContent: Omit<SubmissionContent, 'version' | 'updatedAt'> = {
  id: MX_SUBMISSION,
  country: 'mx',
  kind: 'practice',
  title: {
    es: 'Promotoras comunitarias de salud en municipios indígenas y afromexicanos',
    en: 'Community health workers in Indigenous and Afro-Mexican municipalities',
  },
  summary: {
    es: 'Una red de promotoras y promotores acompaña a las familias en su lengua materna para prevenir la diabetes y mejorar el control prenatal, en coordinación con las unidades médicas rurales.',
    en: 'A network of community health workers accompanies families in their mother tongue to prevent diabetes and improve prenatal care, working with rural medical units.',
  },
  body: {
    es: 'Cada promotora atiende a unas 120 familias de su propia comunidad. Recibe 160 horas de formación en mixteco, amuzgo o español, visita los hogares cada mes y agenda las consultas en la unidad médica más cercana.',
  },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  sdgTargets: ['3.8', '10.2'],
  frameworks: ['sdg', 'undrip', 'idpad'],
  populations: ['Pueblos indígenas', 'Comunidades afromexicanas'],
  evidence: {
    level: 'evaluated',
    outcomes: {
      es: 'La cobertura de control prenatal pasó de 61 % a 84 % en dos años en los municipios participantes.',
      en: 'Prenatal care coverage rose from 61% to 84% within two years in participating municipalities.',
    },
  },
  links: ['https://www.gob.mx/imssbienestar'],
  agency: 'IMSS-Bienestar',
  createdAt: '2026-10-05T15:02:11.480Z',
};

const draft: SubmissionData = {
  ...submissionContent,
  version: 1,
  updatedAt: '2026-10-05T15:02:11.480Z',
  status: 'draft',
  sharing: 'public',
  submittedBy: 'dev-mx-imss-bienestar',
  reviews: [],
};

const submitted: SubmissionData = {
  ...draft,
  version: 3,
  status: 'submitted',
  updatedAt: '2026-10-12T18:40:00.000Z',
  submittedAt: '2026-10-12T18:40:00.000Z',
};

function review(decision: SubmissionReview['decision'], comment: string): SubmissionReview {
  return { reviewerId: 'dev-mx-insp', decision, comment, reviewedAt: '2026-10-20T16:05:42.310Z' };
}

const approval = review('approve', 'Evidencia sólida; sugerimos agregar el costo anual por promotora.');

const published: SubmissionData = {
  ...submitted,
  version: 5,
  status: 'published',
  reviews: [approval],
  internalNotes: 'Confirmar con la coordinación estatal de Oaxaca antes de la reunión trilateral.',
  updatedAt: '2026-10-22T14:00:00.000Z',
  publishedAt: '2026-10-22T14:00:00.000Z',
};

const expertProfile: SharedExpertData = {
  id: MX_EXPERT,
  country: 'mx',
  version: 1,
  name: 'Dra. Citlali Hernández Cruz',
  affiliation: 'Instituto Nacional de Salud Pública',
  bio: {
    es: 'Investigadora en salud comunitaria; coordina la evaluación de programas de promotoras en Guerrero y Oaxaca.',
    en: 'Community health researcher; leads evaluations of community health worker programmes in Guerrero and Oaxaca.',
  },
  originalLanguage: 'es',
  actionAreas: ['health-equity', 'education'],
  sdgTargets: ['3.8', '10.2'],
  frameworks: ['sdg', 'undrip'],
  languages: ['es', 'en', 'mix', 'amu'],
  populations: ['Comunidades mixtecas y amuzgas de la Costa Chica'],
  reviews: true,
  createdAt: '2026-09-14T13:30:00.000Z',
  updatedAt: '2026-09-14T13:30:00.000Z',
};

const expertPrivateFields = {
  userId: 'dev-mx-insp',
  agency: 'INSP',
  hasContact: true,
  consent: { shareProfile: true, contactable: true, review: true, wordingVersion: '2026-09', givenAt: '2026-09-14T13:30:00.000Z' },
};

const exchangeRequest: SharedExchangeData = {
  id: CA_EXCHANGE,
  country: 'ca',
  version: 1,
  status: 'open',
  question: {
    fr: 'Comment former des agentes de santé communautaire autochtones dans leur propre langue ?',
    en: 'How do you train Indigenous community health workers in their own language?',
  },
  originalLanguage: 'fr',
  actionAreas: ['health-equity'],
  languages: ['fr', 'en', 'es', 'cr'],
  targetCountries: ['mx', 'us', 'ca'],
  agency: 'Agence de la santé publique du Canada',
  createdAt: '2026-10-28T12:15:00.000Z',
  dueAt: '2026-11-30T23:00:00.000Z',
};

const exchangeClosed: SharedExchangeData = {
  ...exchangeRequest,
  version: 2,
  status: 'closed',
  closedAt: '2026-11-15T17:00:00.000Z',
  outcome: {
    kind: 'action-area-proposal',
    proposal: {
      fr: 'Proposer un domaine d’action sur la formation en langues autochtones des agentes de santé communautaire.',
      en: 'Propose an action area on training community health workers in Indigenous languages.',
    },
  },
};

const exchangeResponse: SharedExchangeResponseData = {
  id: MX_RESPONSE,
  country: 'mx',
  version: 1,
  exchangeId: CA_EXCHANGE,
  exchangeCountry: 'ca',
  expertId: MX_EXPERT,
  message: {
    es: 'Formamos a las promotoras en mixteco y amuzgo con materiales hechos por las propias comunidades; compartimos el plan de estudios.',
    en: 'We train community health workers in Mixtec and Amuzgo with materials made by the communities themselves; we are sharing the curriculum.',
  },
  originalLanguage: 'es',
  createdAt: '2026-10-30T09:45:10.002Z',
};

const consultationThemes: ConsultationTheme[] = [
  { key: 'language-barriers', label: { es: 'Barreras de idioma', en: 'Language barriers' } },
  { key: 'distance-to-clinic', label: { es: 'Distancia a la clínica', en: 'Distance to the clinic' } },
  {
    key: 'discrimination-in-care',
    label: { es: 'Discriminación en la atención', en: 'Discrimination in care' },
  },
];

const consultationOpened: ConsultationData = {
  id: MX_CONSULTATION,
  country: 'mx',
  version: 1,
  status: 'open',
  title: {
    es: 'Acceso a los servicios de salud en la Costa Chica',
    en: 'Access to health services on the Costa Chica',
  },
  description: {
    es: '¿Qué le impide a su familia recibir atención médica? Sus respuestas son anónimas.',
    en: 'What keeps your family from getting health care? Your answers are anonymous.',
  },
  originalLanguage: 'es',
  actionAreas: ['health-equity'],
  themes: consultationThemes,
  communities: ['Pueblos afromexicanos de la Costa Chica', 'Na savi (mixtecos) de Ometepec'],
  agency: 'IMSS-Bienestar',
  opensAt: '2026-09-01T15:00:00.000Z',
  closesAt: '2026-11-30T23:59:59.999Z',
  exchangeId: CA_EXCHANGE,
  exchangeCountry: 'ca',
  createdAt: '2026-09-01T15:00:00.000Z',
  openedAt: '2026-09-01T15:00:00.000Z',
};

/** A consultation as created a week before it opens. */
const consultationScheduled: ConsultationData = (({ openedAt: _notYet, ...created }) => ({
  ...created,
  status: 'scheduled' as const,
  createdAt: '2026-08-25T16:00:00.000Z',
}))(consultationOpened);

const [languageBarriers, distanceToClinic, discriminationInCare] = consultationThemes as [ConsultationTheme, ConsultationTheme, ConsultationTheme];

const insight: InsightData = {
  id: MX_INSIGHT,
  country: 'mx',
  version: 7,
  consultationId: MX_CONSULTATION,
  title: consultationOpened.title,
  originalLanguage: consultationOpened.originalLanguage,
  actionAreas: ['health-equity'],
  // 22 consenting contributions, one theme each: 12, 7 and 3. The 3 is below k; the 7 is
  // suppressed too, or 22 − 12 − 7 would give the 3 away.
  themes: [
    { ...languageBarriers, count: 12, suppressed: false },
    { ...distanceToClinic, count: null, suppressed: true },
    { ...discriminationInCare, count: null, suppressed: true },
  ],
  actionAreaCounts: [{ actionArea: 'health-equity', count: 22, suppressed: false }],
  cells: [
    { theme: languageBarriers.key, actionArea: 'health-equity', count: 12, suppressed: false },
    { theme: distanceToClinic.key, actionArea: 'health-equity', count: null, suppressed: true },
    { theme: discriminationInCare.key, actionArea: 'health-equity', count: null, suppressed: true },
  ],
  total: { count: 22, suppressed: false },
  computedAt: '2026-11-03T17:00:00.000Z',
};

/** A valid payload of every type and visibility: for tests and AsyncAPI message examples. */
export const EVENT_DATA_EXAMPLES: { readonly [K in EventType]: ExamplesOf<K> } = {
  [T.submissionDrafted]: { private: draft },
  [T.submissionUpdated]: {
    private: {
      ...draft,
      version: 2,
      summary: {
        ...draft.summary,
        fr: 'Un réseau d’agentes de santé communautaire accompagne les familles dans leur langue maternelle.',
      },
      updatedAt: '2026-10-09T10:12:00.000Z',
    },
  },
  [T.submissionSubmitted]: { private: submitted },
  [T.submissionReviewed]: {
    private: { ...submitted, version: 4, reviews: [approval], updatedAt: approval.reviewedAt },
  },
  [T.submissionChangesRequested]: {
    private: {
      ...submitted,
      version: 4,
      status: 'changes-requested',
      reviews: [review('changes-requested', 'Falta indicar el periodo evaluado y la fuente de los datos.')],
      updatedAt: approval.reviewedAt,
    },
  },
  [T.submissionRejected]: {
    private: {
      ...submitted,
      version: 4,
      status: 'rejected',
      reviews: [review('reject', 'Duplica la ficha ya publicada del mismo programa.')],
      updatedAt: approval.reviewedAt,
    },
  },
  [T.submissionPublished]: {
    private: published,
    shared: {
      ...submissionContent,
      version: published.version,
      updatedAt: published.updatedAt,
      sharing: 'public',
      publishedAt: '2026-10-22T14:00:00.000Z',
    },
  },
  [T.submissionWithdrawn]: {
    private: { id: MX_SUBMISSION, country: 'mx', version: 6, reason: 'Replaced by the 2027 edition.' },
    shared: { id: MX_SUBMISSION, country: 'mx', version: 6, reason: 'Replaced by the 2027 edition.' },
  },

  [T.expertRegistered]: {
    private: { ...expertProfile, ...expertPrivateFields },
    shared: expertProfile,
  },
  [T.expertUpdated]: {
    private: {
      ...expertProfile,
      ...expertPrivateFields,
      version: 2,
      languages: ['es', 'en', 'fr', 'mix', 'amu'],
      updatedAt: '2026-10-01T08:00:00.000Z',
    },
    shared: {
      ...expertProfile,
      version: 2,
      languages: ['es', 'en', 'fr', 'mix', 'amu'],
      updatedAt: '2026-10-01T08:00:00.000Z',
    },
  },
  [T.expertWithdrawn]: {
    private: { id: MX_EXPERT, country: 'mx', version: 3, reason: 'Consent withdrawn by the expert.' },
    shared: { id: MX_EXPERT, country: 'mx', version: 3, reason: 'Consent withdrawn by the expert.' },
  },
  // The receipt a Canadian node sends once it erased its copy of the Mexican profile.
  [T.expertErased]: {
    private: { id: MX_EXPERT, country: 'mx', version: 3 },
    shared: { id: MX_EXPERT, country: 'mx', version: 3 },
  },

  [T.exchangeRequested]: {
    private: { ...exchangeRequest, requestedBy: 'dev-ca-phac' },
    shared: exchangeRequest,
  },
  [T.exchangeResponded]: {
    private: { ...exchangeResponse, respondedBy: 'dev-mx-insp' },
    shared: exchangeResponse,
  },
  [T.exchangeClosed]: {
    private: { ...exchangeClosed, requestedBy: 'dev-ca-phac', closedBy: 'dev-ca-phac' },
    shared: exchangeClosed,
  },

  [T.reviewAssigned]: {
    private: {
      id: MX_ASSIGNMENT,
      country: 'mx',
      version: 1,
      submissionId: MX_SUBMISSION,
      submissionVersion: submitted.version,
      reviewers: [
        {
          expertId: MX_EXPERT,
          country: 'mx',
          userId: 'dev-mx-insp',
          reason: { rule: 'fewest-open-reviews', actionAreas: ['health-equity'], languages: ['es'], openReviews: 0 },
        },
        // A Canadian expert who consented to review: advisory, reviewing from their own node.
        {
          expertId: '01a225da-4c08-72f7-b855-c3a1e2f0d0a1',
          country: 'ca',
          reason: { rule: 'partner-country', actionAreas: ['health-equity'], languages: ['en'], openReviews: 1 },
        },
      ],
      assignedAt: '2026-10-12T18:40:01.250Z',
    },
  },

  [T.consultationScheduled]: { private: consultationScheduled },
  [T.consultationOpened]: { private: consultationOpened },
  [T.consultationClosed]: {
    private: {
      ...consultationOpened,
      version: 2,
      status: 'closed',
      closedAt: '2026-11-30T23:59:59.999Z',
    },
  },

  [T.contributionReceived]: {
    private: {
      id: MX_CONTRIBUTION,
      country: 'mx',
      version: 1,
      consultationId: MX_CONSULTATION,
      themes: ['language-barriers', 'distance-to-clinic'],
      actionAreas: ['health-equity'],
      consent: { store: true, shareAnonymized: true },
      receivedAt: '2026-09-18T20:31:07.004Z',
    },
  },
  [T.contributionHidden]: {
    private: {
      id: MX_CONTRIBUTION,
      country: 'mx',
      version: 2,
      consultationId: MX_CONSULTATION,
      hiddenAt: '2026-09-19T09:00:00.000Z',
    },
  },
  [T.contributionErased]: {
    private: { id: MX_CONTRIBUTION, country: 'mx', version: 3, reason: 'Consent withdrawn.' },
  },

  [T.insightPublished]: { private: insight, shared: insight },

  [T.nodeHeartbeat]: {
    shared: {
      id: MX_NODE_PROCESS,
      country: 'mx',
      version: 4242,
      sentAt: '2026-11-03T17:20:05.123Z',
      services: [
        { name: 'submissions', ready: true },
        { name: 'expert-network', ready: true },
        { name: 'community-engagement', ready: false },
        { name: 'reporting', ready: true },
      ],
    },
  },
};
