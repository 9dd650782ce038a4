/**
 * The words of texts as the directory search compares them: lower case, accents removed
 * ("Tzotzil" and "tzótzil" match), split on anything that is not a letter or digit. FerretDB
 * has no `$text` index, so entries keep these tokens and a query matches their prefixes.
 * The same rule as the submissions catalog's, kept here: services share no source code.
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
