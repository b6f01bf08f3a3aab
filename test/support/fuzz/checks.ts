/**
 * What every answer to a fuzz case must be: never a 5xx; a status that makes sense for the case; every 4xx a
 * problem+json (RFC 9457) whose status is the answer's; a validation 400 names each field, and the field
 * points into the request (shared/http/problem.ts: `in`, dot-path `field`, JSON `pointer`).
 *
 * Two answers come from API Gateway itself, not from the handlers, and are what AWS sends (HTTP APIs cannot
 * customize them, docs/architecture.md "Known gaps"): the JWT authorizer's 401 and the payload limit's 413,
 * both `{"message": …}` as application/json. They are checked for exactly that shape.
 */
import { MAX_BODY_BYTES } from '#infra/local/gateway';
import type { FuzzCase, JsonPath } from './cases';
import type { HttpRequest } from './materialize';
import type { Operation } from './operations';
import type { HttpResult } from './send';

/** Statuses a handler may answer a hostile request with, besides a success. */
// 429: the per-caller limit of the pipeline (shared/http/rate-limit.ts, issue 11 §3), a problem+json like the rest.
const HANDLER_4XX = new Set([400, 403, 404, 409, 412, 415, 422, 428, 429]);
export const GATEWAY_UNAUTHORIZED = '{"message":"Unauthorized"}';
/** API Gateway HTTP API's payload limit: beyond it, the gateway answers before any handler or authorizer. */
export const GATEWAY_MAX_BODY_BYTES = MAX_BODY_BYTES;
export const GATEWAY_TOO_LARGE = '{"message":"Request Entity Too Large"}';

interface FieldError {
  in: string;
  field: string;
  pointer: string;
  detail: string;
}

interface Problem {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: unknown;
}

/** Why the answer is wrong, or undefined. */
export function checkAnswer(
  op: Operation,
  c: FuzzCase,
  request: HttpRequest,
  result: HttpResult,
  withToken: boolean,
): string | undefined {
  const { status } = result;
  if (status >= 500) return `${status} server error: ${result.text.slice(0, 300)}`;
  const contentType = String(result.headers['content-type'] ?? '');

  const bytes = request.body === undefined ? 0 : Buffer.byteLength(request.body);
  if (bytes > GATEWAY_MAX_BODY_BYTES) {
    if (status !== 413) return `a body of ${bytes} bytes got ${status}, not 413`;
    if (result.text !== GATEWAY_TOO_LARGE) return `413 body ${result.text.slice(0, 200)}`;
    return undefined;
  }
  if (op.roles && !withToken) {
    // A parameter that holds a `/` (or is empty) leaves the route: the gateway's 404 comes before any token check.
    if (status === 404 && /"detail":"No route for /.test(result.text)) return undefined;
    if (status !== 401) return `no token: ${status}, not 401`;
    if (!contentType.startsWith('application/json') || result.text !== GATEWAY_UNAUTHORIZED) {
      return `no token: 401 is not the authorizer's answer: ${contentType} ${result.text.slice(0, 200)}`;
    }
    return undefined;
  }
  if (status === 401) return 'a valid token of an allowed role got 401';
  if (c.unknownField) return checkUnknownField(c.unknownField, status, contentType, result.text);
  // A real cursor moved to another key of its own query and sealed again is a cursor the list could give out.
  if (request.cursor?.genuine === true && status !== 200) return `a genuine cursor got ${status}, not 200`;
  if (status < 300 && status >= 200) {
    if (!mayBeAccepted(c, request)) return `${c.klass} was accepted (${status})`;
    return undefined;
  }
  if (status < 400 || !HANDLER_4XX.has(status)) return `unexpected status ${status}`;
  if (!contentType.startsWith('application/problem+json'))
    return `${status} with content-type "${contentType}"`;
  let problem: Problem;
  try {
    problem = JSON.parse(result.text) as Problem;
  } catch {
    return `${status} body is not JSON: ${result.text.slice(0, 200)}`;
  }
  if (
    typeof problem.type !== 'string' ||
    typeof problem.title !== 'string' ||
    typeof problem.detail !== 'string'
  ) {
    return `${status} problem lacks type/title/detail: ${result.text.slice(0, 300)}`;
  }
  if (problem.status !== status) return `problem.status ${String(problem.status)} on a ${status}`;
  if (status === 415 && !(c.klass === 'content-type' || c.klass === 'invalid-json')) {
    return `415 for a JSON body (${c.klass})`;
  }
  if (status === 428 && !(c.klass === 'bad-if-match' && c.headers['if-match'] === null)) {
    return '428 although If-Match was sent';
  }
  if (request.cursor?.altered && status !== 400) {
    // Sent with the very query that gave the cursor out: only the cursor can be wrong.
    return `an altered cursor got ${status}, not 400`;
  }
  if (request.cursor?.altered) {
    // A cursor refused is a DomainError naming it (shared/adapters/dynamodb/cursor.ts), whatever its type.
    const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    if (!errors.some((e) => e.in === 'query' && e.field === 'cursor'))
      return `the 400 for an altered cursor does not name query cursor: ${result.text.slice(0, 300)}`;
  }
  if (status === 400 && problem.type === 'urn:assistance:problem:validation') {
    return checkFieldErrors(op, c, request, problem.errors);
  }
  return undefined;
}

/**
 * Issue 12 §3: every request schema is strict, so a field no schema declares is a 400 naming it at its path
 * (shared/http/problem.ts fromZod: one field error per unknown key), never dropped without a word. The rest of
 * the body is valid and nothing is read before the body is parsed, so no other answer is right.
 */
function checkUnknownField(
  path: JsonPath,
  status: number,
  contentType: string,
  text: string,
): string | undefined {
  const pointer = `#/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
  if (status !== 400) return `an unknown field at ${pointer} got ${status}, not 400`;
  if (!contentType.startsWith('application/problem+json')) return `400 with content-type "${contentType}"`;
  let problem: Problem;
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    return `400 body is not JSON: ${text.slice(0, 200)}`;
  }
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
  const named = errors.some(
    (e) => e.in === 'body' && e.pointer === pointer && /^unknown field\b/.test(String(e.detail)),
  );
  return named ? undefined : `the 400 does not name the unknown field ${pointer}: ${text.slice(0, 300)}`;
}

/** The house's JSON media types (shared/http/api-handler.ts): anything else is a 415. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * Hostile changes that a route may rightly accept: text it stores, a query it ignores (on a route with no query
 * schema). An extra field is refused: every request schema is strict (issue 12 §3); one whose name some schema
 * declares elsewhere may be a field of this object after all, and is checked as any answer.
 */
function mayBeAccepted(c: FuzzCase, request: HttpRequest): boolean {
  switch (c.klass) {
    case 'valid':
    case 'extra-field':
    case 'control-and-surrogates':
    case 'query-param':
    case 'path-param':
    case 'extreme-number':
    case 'huge-string':
    case 'missing-field': // an optional field may go
      return true;
    case 'content-type':
      // Only a JSON type may get through, and the body is JSON: another type must be refused (415).
      return JSON_TYPE.test(request.headers['content-type'] ?? '');
    case 'invalid-json':
      // Some of these texts are JSON after all (`{"a":"\ud800"}`): an object may be a valid body.
      return typeof request.json?.value === 'object' && request.json.value !== null;
    case 'bad-cursor':
      // Only a genuine cursor may pass: a real one moved to another key inside its own query and sealed again
      // for it (materialize.ts alterCursor). Anything else (a tag that does not match, a key outside the
      // query, a malformed payload, a literal) is a 400 naming `cursor`.
      return request.cursor?.genuine === true;
    default:
      // Wrong types, huge arrays, deep nesting, bad keys and If-Match, oversized bodies: never accepted.
      return false;
  }
}

function checkFieldErrors(
  op: Operation,
  c: FuzzCase,
  request: HttpRequest,
  errors: unknown,
): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return 'a validation 400 without errors[]';
  const queryKeys = new Set(new URLSearchParams(request.url.split('?')[1] ?? '').keys());
  for (const error of errors as FieldError[]) {
    if (
      typeof error.field !== 'string' ||
      typeof error.pointer !== 'string' ||
      typeof error.detail !== 'string'
    ) {
      return `field error without field/pointer/detail: ${JSON.stringify(error)}`;
    }
    const path = pointerPath(error.pointer);
    switch (error.in) {
      case 'body': {
        if (path.length === 0) break; // the body as a whole: missing, not JSON, not an object
        if (!request.json) return `a body error at ${error.pointer} for a body that is not JSON`;
        if (!resolvesParent(request.json.value, path)) {
          return `body error ${error.pointer} does not point into the body sent`;
        }
        break;
      }
      case 'path':
        if (!op.pathParams.some((p) => p.name === path[0])) return `path error names "${error.field}"`;
        break;
      case 'query': {
        // `#/` is the parameter with an empty name (`?=x`), which a strict query names too.
        const name = path[0] ?? '';
        if (!queryKeys.has(name) && !op.queryParams.some((p) => p.name === name)) {
          return `query error names "${error.field}", which was not sent`;
        }
        break;
      }
      case 'header':
        if (!['Idempotency-Key', 'If-Match'].includes(String(path[0])))
          return `header error names "${error.field}"`;
        break;
      default:
        return `field error in "${String(error.in)}"`;
    }
  }
  // The case changed one field: the refusal must be about it (or a parent, or a rule over its object).
  if (c.target && (c.klass === 'wrong-type' || c.klass === 'missing-field')) {
    const target = c.target;
    const related = (errors as FieldError[]).some(
      (e) => e.in === target.in && prefixRelated(pointerPath(e.pointer), target.path),
    );
    if (!related) {
      return `the 400 does not name ${target.in} ${target.path.join('.') || '(root)'}: ${JSON.stringify(errors).slice(0, 300)}`;
    }
  }
  return undefined;
}

export function pointerPath(pointer: string): string[] {
  const body = pointer.replace(/^#\/?/, '');
  if (body === '') return [];
  return body.split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Every step but the last exists in the value (the last may be a required field that is missing). */
function resolvesParent(value: unknown, path: readonly string[]): boolean {
  let node = value;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, step))
      return false;
    node = (node as Record<string, unknown>)[step];
  }
  return node !== null && typeof node === 'object';
}

function prefixRelated(a: readonly string[], b: JsonPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== String(b[i])) return false;
  return true;
}
