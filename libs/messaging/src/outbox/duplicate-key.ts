/** How MongoDB and FerretDB answer an insert that a unique index refused: E11000. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null | undefined)?.code === 11000;
}
