import { DomainError } from '#shared/domain/errors';

/** If-Match must hold the version the record has now; checked before any other read or rule. */
export function assertVersion(current: { version: number }, ifMatch: number): void {
  if (current.version !== ifMatch) {
    throw new DomainError(
      'stale',
      `If-Match "${ifMatch}" is not the current version "${current.version}"; read it again`,
    );
  }
}
