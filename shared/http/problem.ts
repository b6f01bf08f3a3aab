/**
 * One error model (RFC 9457 problem details). Anything thrown that is not an HttpProblem or a
 * DomainError becomes a plain 500 with no detail: no stack traces, ever.
 */
import { DomainError } from '#shared/domain/errors';
import type { DomainErrorCode } from '#shared/domain/errors';

export type ProblemLocation = 'body' | 'query' | 'path' | 'header';

export interface FieldError {
  in: ProblemLocation;
  field: string;
  pointer: string;
  detail: string;
}

export class HttpProblem extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: { type?: string; errors?: FieldError[]; rule?: string } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const fieldError = (
  location: ProblemLocation,
  path: readonly PropertyKey[],
  detail: string,
): FieldError => ({
  in: location,
  field: path.map(String).join('.') || location,
  pointer: `#/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
  detail,
});

export function invalidRequest(errors: FieldError[]): HttpProblem {
  const fields = errors.map((e) => e.field).join(', ');
  return new HttpProblem(400, 'Invalid request', `invalid: ${fields}`, {
    type: 'urn:assistance:problem:validation',
    errors,
  });
}

/** Any zod error (classic or mini): what matters is each issue's path and message. */
export const fromZod = (
  location: ProblemLocation,
  error: { issues: readonly { path: PropertyKey[]; message: string }[] },
) => invalidRequest(error.issues.map((issue) => fieldError(location, issue.path, issue.message)));

const DOMAIN_STATUS: Record<DomainErrorCode, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Invalid request' },
  not_found: { status: 404, title: 'Not Found' },
  duplicate: { status: 409, title: 'Conflict' },
  conflict: { status: 409, title: 'Conflict' },
  stale: { status: 412, title: 'Precondition Failed' },
  refused: { status: 422, title: 'Refused by rule' },
  quota: { status: 429, title: 'Too Many Requests' },
};

function fromDomain(error: DomainError): HttpProblem {
  const { status, title } = DOMAIN_STATUS[error.code];
  const field = error.details.field;
  return new HttpProblem(status, title, error.message, {
    type: `urn:assistance:problem:${error.code}`,
    ...(field
      ? { errors: [fieldError(error.details.location ?? 'body', field.split('.'), error.message)] }
      : {}),
    ...(error.details.rule ? { rule: error.details.rule } : {}),
  });
}

export function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) return fromDomain(error);
  return undefined;
}

export interface ProblemResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function problemResponse(problem: HttpProblem, instance?: string): ProblemResponse {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify({
      type: problem.extra.type ?? 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      ...(instance ? { instance } : {}),
      ...(problem.extra.rule ? { rule: problem.extra.rule } : {}),
      ...(problem.extra.errors ? { errors: problem.extra.errors } : {}),
    }),
  };
}

export const internalError = (): ProblemResponse =>
  problemResponse(new HttpProblem(500, 'Internal Server Error', 'The request could not be completed.'));
