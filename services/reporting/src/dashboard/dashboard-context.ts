import {
  ACTION_AREA_LABELS,
  ACTION_AREAS,
  type ActionArea,
  type CountryCode,
  type Language,
  LANGUAGE_NAME_LABELS,
  LANGUAGES,
  SUBMISSION_KINDS,
  SUBMISSION_STATUSES,
} from '@naperj/contracts';

/**
 * What the dashboard needs before anyone signs in: whose node it is, its partners, and the
 * vocabularies in the contracts' order with the action areas' names, so the browser code
 * spells none of them itself. Nothing here is secret (`/health/live` names the node too).
 */
export interface DashboardContext {
  node: CountryCode;
  peers: CountryCode[];
  languages: readonly Language[];
  actionAreas: { code: ActionArea; labels: Readonly<Record<Language, string>> }[];
  submissionStatuses: readonly string[];
  submissionKinds: readonly string[];
  /** Names of the languages experts work in that browsers' ICU data lacks (`nah`, `mix`…), by code. */
  languageNames: typeof LANGUAGE_NAME_LABELS;
}

export function dashboardContext(node: CountryCode, peers: readonly CountryCode[]): DashboardContext {
  return {
    node,
    peers: [...peers],
    languages: LANGUAGES,
    actionAreas: ACTION_AREAS.map((code) => ({ code, labels: ACTION_AREA_LABELS[code] })),
    submissionStatuses: SUBMISSION_STATUSES,
    submissionKinds: SUBMISSION_KINDS,
    languageNames: LANGUAGE_NAME_LABELS,
  };
}
