/**
 * What a route is (the shape of the route table's entries) and the roles. It lives in shared/http because the
 * request pipeline, the principal and OpenAPI are built on it (issue 9 §2); only the table lives in functions/.
 */
import type { Schema } from '#shared/schemas/zod';
import type { DelegationScope } from '#shared/domain/delegation';

export const ROLES = ['bureau', 'town', 'contractor', 'evaluator', 'finance', 'auditor', 'portal'] as const;
export type Role = (typeof ROLES)[number];

/** The role groups among a user's groups, each once (the API and the pre-token trigger read them the same way). */
export const roleGroups = (groups: readonly string[]): Role[] => [
  ...new Set(groups.filter((g): g is Role => (ROLES as readonly string[]).includes(g))),
];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a contractor may delegate to a partner portal (issue 12 §1): a portal holding a live delegation of the
 * route's scope from a contractor acts as that contractor on the route, and on no other. The rules of a delegation
 * (who grants which scope, its lapse) are the domain's (shared/domain/delegation.ts).
 */
export { DELEGATION_SCOPES, type DelegationScope } from '#shared/domain/delegation';

/**
 * A partition key the function may touch (issue 11 §2): `'PROJECT#'` (ending in `#`) is every partition key that
 * starts with it, anything else is that one partition key (`'CATALOG'`, `'HEALTH'`). Keys are built in
 * shared/adapters/dynamodb/keys.ts; the prefix is its first segment.
 */
export type KeyPrefix = string;

/**
 * Least privilege on the table, declared once per route, event handler and workflow task (issue 11 §2). CDK turns
 * each list into one statement with a `dynamodb:LeadingKeys` condition (infra/constructs/bind.ts) and the embedded
 * stack refuses any other call as AWS would (infra/local/handlers.ts). An action not listed is not granted.
 */
export interface TableRights {
  /** GetItem and Query on the table, by partition key. */
  read?: readonly KeyPrefix[];
  /** Query on GSI1, by the index's partition key (`GSI1PK`, e.g. `PROJECTS#`). */
  index?: readonly KeyPrefix[];
  /** PutItem (alone or in a transaction): creating or replacing an item. */
  put?: readonly KeyPrefix[];
  /** UpdateItem (alone or in a transaction). */
  update?: readonly KeyPrefix[];
  /** DeleteItem: only where the code deletes. */
  delete?: readonly KeyPrefix[];
  /** ConditionCheckItem in a transaction (a record that must not have changed). */
  check?: readonly KeyPrefix[];
  /**
   * The record types whose audit entries it appends (`AUDIT#<type>#`), where it is worth narrowing; absent, a
   * function that changes state may append to any record's chain (`AUDIT#`).
   */
  audit?: readonly string[];
}

/**
 * Least privilege on the document bucket, by object key pattern (`*` within a pattern as IAM reads it, e.g.
 * `contractors/*\/conditions/*`): `get` is s3:GetObject (a read or a presigned GET), `put` is s3:PutObject (the
 * upload routes presign a POST, which acts with this right), `list` is s3:ListBucket on the bucket (HeadBucket).
 */
export interface BucketRights {
  get?: readonly string[];
  put?: readonly string[];
  /** s3:PutObjectTagging (and its version form): the verifier tags the versions it refuses to expire. */
  tag?: readonly string[];
  list?: boolean;
}

/** What declares rights: a route, an event handler or a workflow task. */
export interface RightsHolder {
  table?: TableRights;
  bucket?: BucketRights;
  /** Routes only: the house pipeline's own idempotency record follows from this flag (`tableRightsOf`). */
  idempotent?: boolean;
  /** Routes only: whether the pipeline limits the caller per `sub` (`limitedPerCaller`). */
  method?: HttpMethod;
  auth?: RouteDef['auth'];
  /** Routes only: a delegable route reads the calling portal's delegation (`DELEGATION#`) before its handler runs. */
  delegable?: DelegationScope;
  /**
   * Creates logins in the user pool (issue 12 §1): CDK grants cognito-idp:AdminCreateUser and AdminAddUserToGroup on
   * the pool and sets USER_POOL_ID (infra/constructs/bind.ts bindUserPool).
   */
  userPool?: boolean;
}

export const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';
export const AUDIT_PREFIX = 'AUDIT#';
/** The callers' token buckets (issue 11 §3, shared/http/rate-limit.ts): one UpdateItem per limited request. */
export const RATE_PREFIX = 'RATE#';
/**
 * The contractors' delegations to partner portals (issue 12 §1, shared/adapters/dynamodb/delegations.ts): a
 * delegable route reads the calling portal's delegation (one GetItem) when a portal acts for a contractor.
 */
export const DELEGATION_PREFIX = 'DELEGATION#';

const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

/** The callers from outside the district's staff, whose writes are limited per caller (shared/http/rate-limit.ts). */
export const LIMITED_ROLES: readonly Role[] = ['contractor', 'portal'];

/**
 * A route whose requests take a token from the caller's bucket before the handler runs (issue 11 §3): the writes a
 * contractor or a partner portal may send. The rate limiter, the rights it needs (RATE#) and the 429 OpenAPI
 * documents all follow from this one test.
 */
export const limitedPerCaller = (route: { method?: string; auth?: RouteDef['auth'] }): boolean =>
  route.method !== undefined &&
  route.auth !== undefined &&
  route.auth !== 'public' &&
  route.auth.some((role) => LIMITED_ROLES.includes(role)) &&
  !READ_METHODS.includes(route.method);

const union = (...lists: (readonly KeyPrefix[] | undefined)[]): KeyPrefix[] | undefined => {
  const all = [...new Set(lists.flatMap((list) => list ?? []))];
  return all.length > 0 ? all.sort() : undefined;
};

/**
 * Every table right of a route, task or event handler: what it declares plus what the house pipeline writes for
 * it, so nothing is declared twice. An idempotent route reads and writes its `IDEMPOTENCY#` record
 * (shared/adapters/dynamodb/idempotency.ts); whatever changes state (declares a put, update or delete) writes the
 * audit entries of its records in the same transaction (record-store.ts). A route that only starts a workflow
 * (publishing) changes nothing itself and gets no audit right. A write route with a token takes from the caller's
 * `RATE#` bucket (UpdateItem) before its handler runs (`limitedPerCaller`). A delegable route reads the
 * `DELEGATION#` item of the contractor a portal acts for (issue 12 §1), before its handler runs.
 */
export function tableRightsOf(holder: RightsHolder): TableRights | undefined {
  const declared = holder.table;
  const changes = [declared?.put, declared?.update, declared?.delete].some((list) => (list?.length ?? 0) > 0);
  const delegation = holder.delegable ? [DELEGATION_PREFIX] : undefined;
  if (!declared && !changes && !holder.idempotent && !limitedPerCaller(holder) && !delegation)
    return undefined;
  const idempotency = holder.idempotent ? [IDEMPOTENCY_PREFIX] : undefined;
  const audit = changes
    ? (declared?.audit?.map((recordType) => `${AUDIT_PREFIX}${recordType}#`) ?? [AUDIT_PREFIX])
    : undefined;
  const rights: TableRights = {};
  const set = (field: keyof TableRights, list: KeyPrefix[] | undefined) => {
    if (list) rights[field] = list;
  };
  set('read', union(declared?.read, idempotency, delegation));
  set('index', union(declared?.index));
  set('put', union(declared?.put, idempotency, audit));
  set('update', union(declared?.update, limitedPerCaller(holder) ? [RATE_PREFIX] : undefined));
  set('delete', union(declared?.delete));
  set('check', union(declared?.check));
  return rights;
}

/** Whether `partitionKey` is one that `prefix` grants (see `KeyPrefix`). */
export const prefixGrants = (prefix: KeyPrefix, partitionKey: string): boolean =>
  prefix.endsWith('#') ? partitionKey.startsWith(prefix) : partitionKey === prefix;

/** Whether an S3 object key matches an IAM resource pattern (`*` any run of characters, `?` one). */
export function objectPatternGrants(pattern: string, objectKey: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 's').test(objectKey);
}

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/contractors/{id}` */
  path: string;
  /** Module exporting `handler`, relative to the repository root, without extension. */
  handler: string;
  summary: string;
  /** `public`: no token (API Gateway route without authorizer). Otherwise the roles allowed. */
  auth: 'public' | readonly Role[];
  /**
   * Least privilege: the partitions it may touch on the table, and the objects of the document bucket (issue 11
   * §2). The `IDEMPOTENCY#` and `AUDIT#` writes of the pipeline are not declared here: `tableRightsOf` adds them.
   */
  table?: TableRights;
  bucket?: BucketRights;
  /** Creates logins in the user pool (see `RightsHolder.userPool`). */
  userPool?: boolean;
  /** Creating POST: honours `Idempotency-Key`. */
  idempotent?: boolean;
  /**
   * Update: requires `If-Match` with the record's version (428 without, 412 when stale). `'create-or-replace'` is a
   * PUT that creates the record the first time: `If-None-Match: *` to create it (412 if it exists), `If-Match` with
   * the version read to replace it (issue 12 §3), never neither.
   */
  conditional?: boolean | 'create-or-replace';
  /**
   * A contractor route a partner portal may call for a contractor that delegated this scope to it (issue 12 §1):
   * the portal then acts as that contractor, named with it in every audit entry.
   */
  delegable?: DelegationScope;
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

/**
 * The object key patterns of the document bucket (shared/domain/contractor.ts and bid.ts build the keys): evidence
 * under its contractor and condition; bid documents under an opaque id (R-PROC-5), and those declared before
 * that under their contractor and project.
 */
export const EVIDENCE_OBJECTS = 'contractors/*/conditions/*';
/** A staff member's employment evidence (issue 13 §1, R-CON-3; shared/domain/staff.ts staffObjectKey). */
export const STAFF_EVIDENCE_OBJECTS = 'contractors/*/staff/*';
export const BID_DOCUMENT_OBJECTS = 'contractors/bids/*';
export const EARLIER_BID_DOCUMENT_OBJECTS = 'contractors/*/bids/*';
