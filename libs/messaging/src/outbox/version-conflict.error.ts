/** An append lost: another writer already recorded this version of the subject. The caller answers 409 or 412. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';

  constructor(
    readonly subject: string,
    readonly version: number,
  ) {
    super(`Version ${version} of ${subject} was recorded by another writer`);
  }
}
