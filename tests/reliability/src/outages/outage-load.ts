import type { ActionArea } from '@naperj/contracts';

/** A valid draft of the steady ingest, numbered so each is told apart. */
export const draftOf = (index: number, actionArea: ActionArea) => ({
  kind: 'practice',
  title: { es: `Promotoras comunitarias de salud ${index}` },
  summary: { es: 'Una red de promotoras acompaña a las familias en su lengua materna.' },
  originalLanguage: 'es',
  actionAreas: [actionArea],
  sharing: 'trilateral',
});
