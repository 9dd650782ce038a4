import type { Trilingual } from '@naperj/contracts';

/**
 * The words of texts as a search compares them: lower case, accents removed ("Salud" and
 * "salúd" match), split on anything that is not a letter or digit, each word once. FerretDB
 * has no `$text` index, so entries keep these tokens and a query matches their prefixes.
 */
export function searchTokensOf(...texts: (string | undefined)[]): string[] {
  const words = texts.flatMap((text) =>
    (text ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0),
  );
  return [...new Set(words)];
}

/** The tokens of every language of the texts. */
export function searchTokensOfTexts(...texts: (Trilingual | undefined)[]): string[] {
  return searchTokensOf(...texts.flatMap((text) => Object.values(text ?? {})));
}
