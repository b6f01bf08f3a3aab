/** Signals that a request with the same Idempotency-Key committed first. No SDK here: the HTTP layer imports it. */
export class IdempotencyReplay extends Error {
  constructor() {
    super('a request with this Idempotency-Key completed first');
  }
}
