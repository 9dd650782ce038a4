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

/**
 * Names of Indigenous languages of the three countries, keyed by their ISO 639 code: the ICU
 * data of Node lacks some (`Intl.DisplayNames` answers undefined for `nah`, `mix`, `yua`…)
 * and browsers carry fewer still (`oj`, `cr`), so reports and the dashboard name them alike.
 */
export const LANGUAGE_NAME_LABELS: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  nah: { en: 'Nahuatl', es: 'náhuatl', fr: 'nahuatl' },
  yua: { en: 'Yucatec Maya', es: 'maya yucateco', fr: 'maya yucatèque' },
  mix: { en: 'Mixtec', es: 'mixteco', fr: 'mixtèque' },
  tzh: { en: 'Tseltal', es: 'tseltal', fr: 'tzeltal' },
  tzo: { en: 'Tsotsil', es: 'tsotsil', fr: 'tzotzil' },
  oto: { en: 'Otomi', es: 'otomí', fr: 'otomi' },
  maz: { en: 'Mazahua', es: 'mazahua', fr: 'mazahua' },
  tar: { en: 'Rarámuri (Tarahumara)', es: 'rarámuri (tarahumara)', fr: 'rarámuri (tarahumara)' },
  yaq: { en: 'Yaqui', es: 'yaqui (yoeme)', fr: 'yaqui' },
  ood: { en: "Tohono O'odham", es: "tohono o'odham", fr: "tohono o'odham" },
  hop: { en: 'Hopi', es: 'hopi', fr: 'hopi' },
  one: { en: 'Oneida', es: 'oneida', fr: 'oneida' },
  otw: { en: 'Ottawa (Odawa)', es: 'ottawa (odawa)', fr: 'outaouais (odawa)' },
  nsk: { en: 'Naskapi', es: 'naskapi', fr: 'naskapi' },
  zap: { en: 'Zapotec', es: 'zapoteco', fr: 'zapotèque' },
  oj: { en: 'Ojibwe', es: 'ojibwe', fr: 'ojibwé' },
  cr: { en: 'Cree', es: 'cree', fr: 'cri' },
  iu: { en: 'Inuktitut', es: 'inuktitut', fr: 'inuktitut' },
  moh: { en: 'Mohawk', es: 'mohawk', fr: 'mohawk' },
  mic: { en: "Mi'kmaq", es: "mi'kmaq", fr: "mi'kmaq" },
  atj: { en: 'Atikamekw', es: 'atikamekw', fr: 'atikamekw' },
  crg: { en: 'Michif', es: 'michif', fr: 'mitchif' },
  bla: { en: 'Blackfoot', es: 'pies negros', fr: 'pied-noir' },
  chr: { en: 'Cherokee', es: 'cheroqui', fr: 'cherokee' },
  nv: { en: 'Navajo', es: 'navajo', fr: 'navajo' },
  lkt: { en: 'Lakota', es: 'lakota', fr: 'lakota' },
  dak: { en: 'Dakota', es: 'dakota', fr: 'dakota' },
};

/** A language's name in `language`: the table above, else ICU's, else its code as it is. */
export function languageName(code: string, language: Language): string {
  if (Object.hasOwn(LANGUAGE_NAME_LABELS, code)) return LANGUAGE_NAME_LABELS[code]![language];
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
