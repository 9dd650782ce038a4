/**
 * The partnership's vocabularies (docs/architecture.md, Vocabularies; the partnership's
 * declaration names the action areas and frameworks).
 */

/** Languages of user content; every text carries at least its original language. */
export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The declaration's action areas; `other` carries proposals for new ones. */
export const ACTION_AREAS = [
  'health-equity',
  'economic-inclusion',
  'justice-system',
  'ballot-access',
  'education',
  'public-service-workforce',
  'other',
] as const;
export type ActionArea = (typeof ACTION_AREAS)[number];

export const SUBMISSION_KINDS = ['practice', 'strategy', 'policy', 'dataset', 'action-area-proposal'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'changes-requested', 'published', 'rejected', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const REVIEW_DECISIONS = ['approve', 'changes-requested', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * Commitments the declaration names: the UN Sustainable Development Goals, the UN
 * Declaration on the Rights of Indigenous Peoples, the International Decade for People
 * of African Descent.
 */
export const FRAMEWORKS = ['sdg', 'undrip', 'idpad'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const EVIDENCE_LEVELS = ['anecdotal', 'evaluated', 'peer-reviewed'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** Who may see a published submission: the own country, the three partners, or anyone. */
export const SHARING_LEVELS = ['national', 'trilateral', 'public'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

export const EXCHANGE_STATUSES = ['open', 'closed'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];

/** `scheduled` until its `opensAt`, `open` while contributions are taken, then `closed`. */
export const CONSULTATION_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/**
 * Values of the CloudEvents `dataclassification` extension (docs/architecture.md, Event envelope): `internal`
 * on private topics, `restricted` when they carry personal data, `confidential` for
 * trilateral sharing, `public` for public sharing.
 */
export const DATA_CLASSIFICATIONS = ['public', 'confidential', 'internal', 'restricted'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];
