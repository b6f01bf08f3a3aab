/**
 * What a route is (the shape of the route table's entries) and the roles. It lives in shared/http because the
 * request pipeline, the principal and OpenAPI are built on it (issue 9 §2); only the table lives in functions/.
 */
import type { Schema } from '#shared/schemas/zod';

export const ROLES = ['bureau', 'town', 'contractor', 'evaluator', 'finance', 'auditor', 'portal'] as const;
export type Role = (typeof ROLES)[number];

/** The role groups among a user's groups, each once (the API and the pre-token trigger read them the same way). */
export const roleGroups = (groups: readonly string[]): Role[] => [
  ...new Set(groups.filter((g): g is Role => (ROLES as readonly string[]).includes(g))),
];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Access = 'read' | 'readwrite';

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/contractors/{id}` */
  path: string;
  /** Module exporting `handler`, relative to the repository root, without extension. */
  handler: string;
  summary: string;
  /** `public`: no token (API Gateway route without authorizer). Otherwise the roles allowed. */
  auth: 'public' | readonly Role[];
  /** Least privilege: what the function may do on the table and on the document bucket. */
  table?: Access;
  bucket?: Access;
  /** Creating POST: honours `Idempotency-Key`. */
  idempotent?: boolean;
  /** Update: requires `If-Match` with the record's version. */
  conditional?: boolean;
  request?: { params?: Schema; query?: Schema; body?: Schema };
  /**
   * The success status and body schema (`null` for non-JSON bodies such as the docs page). Only OpenAPI reads it
   * (requests are parsed, responses are not), so it may be a `deferred` schema (shared/schemas/zod.ts), built on
   * first use rather than at every Lambda's init: resolve it with `responseSchema`.
   */
  response: {
    status: number;
    body: Schema | (() => Schema) | null;
    contentType?: string;
    alsoStatus?: readonly number[];
    /** Error statuses beyond the defaults of its method (e.g. 409 on a read that is sealed for now). */
    errors?: readonly number[];
  };
}

/** Staff who read every purchaser's records (a town only its own, decided per record). */
export const STAFF_READERS = ['bureau', 'town', 'auditor', 'finance'] as const satisfies readonly Role[];

/** A route's response schema, built now if it is deferred. */
export function responseSchema(route: RouteDef): Schema | null {
  const { body } = route.response;
  return typeof body === 'function' ? body() : body;
}
