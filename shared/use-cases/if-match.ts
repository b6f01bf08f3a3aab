import { DomainError } from '#shared/domain/errors';

/**
 * A precondition the caller sent does not hold (412). Its own class, so a use case that retries a write lost to a
 * race on fresh reads (`stale`, `duplicate` from the commit) never retries it: the caller must read again.
 */
export class PreconditionFailed extends DomainError {
  constructor(message: string) {
    // Named as every domain error (the workflow and the logs read the name).
    super('stale', message);
  }
}

/** If-Match must hold the version the record has now; checked before any other read or rule. */
export function assertVersion(current: { version: number }, ifMatch: number): void {
  if (current.version !== ifMatch) {
    throw new PreconditionFailed(
      `If-Match "${ifMatch}" is not the current version "${current.version}"; read it again`,
    );
  }
}

/**
 * The precondition of a create-or-replace PUT (issue 12 §3) on the record as read, `undefined` when there is none:
 * `ifMatch` `null` (If-None-Match: *) creates, so there must be no record yet; a number (If-Match) replaces, so
 * the record must exist at that version. Two writers that read the same state cannot both pass it and land: the
 * write itself is conditional on what was read (record-store.ts), and the loser is answered by `lostRace`.
 *
 * Called after the access, seal and state checks (R-PROC-5, issue 11 §1): a caller learns a version only of a
 * record it may write.
 */
export function assertCreateOrReplace(
  current: { version: number } | undefined,
  ifMatch: number | null,
  what: string,
): void {
  if (ifMatch === null) {
    if (current) {
      throw new PreconditionFailed(
        `${what} exists already, at version "${current.version}": send If-Match: "${current.version}" to replace it`,
      );
    }
    return;
  }
  if (!current) {
    throw new PreconditionFailed(
      `there is no ${what} to replace with If-Match "${ifMatch}": send If-None-Match: * to create it`,
    );
  }
  assertVersion(current, ifMatch);
}

/**
 * What a create-or-replace write that lost the race answers: the record it meant to create was created meanwhile
 * (`duplicate` from its `attribute_not_exists` condition), or the one it meant to replace changed meanwhile
 * (`stale`). Either way the caller's precondition no longer holds: 412, read it again.
 */
export function lostRace(error: unknown, what: string): unknown {
  if (error instanceof PreconditionFailed || !(error instanceof DomainError)) return error;
  if (error.code === 'duplicate') {
    return new PreconditionFailed(`${what} was created meanwhile; read it, then send If-Match to replace it`);
  }
  if (error.code === 'stale') return new PreconditionFailed(`${what} changed meanwhile; read it again`);
  return error;
}

/** How often a use case reads again when a record the caller did not name moved before its commit. */
export const READ_AGAIN_ATTEMPTS = 3;

/**
 * Runs `attempt` (reads, the caller's If-Match, rules, one commit) again on fresh reads when its commit lost a race on
 * a record the caller's If-Match does not name: a project a workflow task moved while a signature or a challenge's
 * answer was on its way (the task shows on the project what it waits for). Answering that with 412 would ask the
 * caller to read again a record it never sent a version of. The caller's own precondition is checked again on each
 * read, so a change to the record it named is still 412 (PreconditionFailed is never retried), and after
 * READ_AGAIN_ATTEMPTS lost races the last one is answered.
 */
export async function readAgainOnRace<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const lostRace =
        error instanceof DomainError && !(error instanceof PreconditionFailed) && error.code === 'stale';
      if (!lostRace || tries >= READ_AGAIN_ATTEMPTS) throw error;
    }
  }
}
