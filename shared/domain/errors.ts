/**
 * Typed domain errors. Use cases throw these; shared/http maps them to problem+json in one place.
 * `field` names the request field at fault, `rule` the requirement ID that refused it.
 */
export type DomainErrorCode =
  | 'invalid' // a field's value breaks a rule that the schema cannot express → 400
  | 'not_found' // no such record, or not visible to this caller → 404
  | 'duplicate' // the thing exists already → 409
  | 'conflict' // the record's state forbids it now → 409
  | 'stale' // If-Match does not hold the current version → 412
  | 'refused' // a policy rule refuses it (negative list, unverified evidence...) → 422
  | 'quota'; // the caller's allowance for the period is used up → 429

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { field?: string; rule?: string; location?: 'body' | 'query' | 'path' } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
