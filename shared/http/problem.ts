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

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  /** `unrecognized_keys`: the object's unknown keys, reported once for the object. */
  keys?: readonly string[];
}

/**
 * Any zod error (classic or mini): what matters is each issue's path and message. A strict object reports its
 * unknown fields once, as one issue listing them (issue 12 §3): each becomes a field error of its own, with its
 * path, so a typo such as `validUntill` is named where it was sent. Given the schema that refused the request, the
 * message suggests the known field the name is closest to.
 */
export const fromZod = (
  location: ProblemLocation,
  error: { issues: readonly ZodIssueLike[] },
  schema?: unknown,
) =>
  invalidRequest(
    error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' && issue.keys && issue.keys.length > 0
        ? issue.keys.map((key) =>
            fieldError(
              location,
              [...issue.path, key],
              unknownFieldDetail(key, knownKeysAt(schema, issue.path)),
            ),
          )
        : [fieldError(location, issue.path, issue.message)],
    ),
  );

/** `unknown field`, and the known field the name most likely meant, if one is close. */
export function unknownFieldDetail(key: string, known: readonly string[]): string {
  const meant = closestKey(key, known);
  return meant === undefined ? 'unknown field' : `unknown field; did you mean "${meant}"?`;
}

/**
 * The known key a mistyped one most likely meant: the same name in another case, else the nearest by edit
 * distance (a transposition counts one), within a third of the name's length (at least one edit), the first
 * of equals in the schema's order; none when nothing is that close.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameName = known.find((k) => k.toLowerCase() === lower);
  if (sameName !== undefined) return sameName;
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    // A length apart by more than the limit is never within it; the bound also keeps huge keys cheap.
    if (Math.abs(candidate.length - key.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance))
      best = { key: candidate, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = d;
    }
  }
  return at(a.length, b.length);
}

/** What a zod schema's definition holds that leads to the object at a path (classic and mini share `_zod.def`). */
interface SchemaDef {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  in?: unknown;
  options?: readonly unknown[];
  left?: unknown;
  right?: unknown;
  getter?: () => unknown;
}

const defOf = (schema: unknown): SchemaDef | undefined =>
  (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** The keys of the objects the schema accepts at `path` (several for a union); none when it cannot tell. */
export function knownKeysAt(schema: unknown, path: readonly PropertyKey[], depth = 0): string[] {
  const def = defOf(schema);
  if (!def || depth > 64) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return knownKeysAt(def.innerType, path, depth + 1);
    case 'pipe':
      return knownKeysAt(def.in, path, depth + 1);
    case 'lazy':
      return knownKeysAt(def.getter?.(), path, depth + 1);
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => knownKeysAt(option, path, depth + 1)))];
    case 'intersection':
      return [
        ...new Set([...knownKeysAt(def.left, path, depth + 1), ...knownKeysAt(def.right, path, depth + 1)]),
      ];
    case 'array':
      return path.length === 0 ? [] : knownKeysAt(def.element, path.slice(1), depth + 1);
    case 'object': {
      const shape = def.shape ?? {};
      if (path.length === 0) return Object.keys(shape);
      const [head, ...rest] = path;
      return Object.hasOwn(shape, String(head)) ? knownKeysAt(shape[String(head)], rest, depth + 1) : [];
    }
    default:
      return [];
  }
}

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
