import type { DelegationScope, Role } from '#shared/http/route-def';
import { roleGroups } from '#shared/http/route-def';
import { HttpProblem } from './problem';

/** Cognito resource server and the scope a partner portal's machine client (client credentials) holds. */
export const RESOURCE_SERVER_ID = 'procurement';
export const PORTAL_SCOPE = `${RESOURCE_SERVER_ID}/portal`;
/** Custom claims added to access tokens (Cognito pre-token-generation on AWS, the dev token locally). */
export const PURCHASER_CLAIM = 'purchaserId';
export const CONTRACTOR_CLAIM = 'contractorId';
/** Cognito marks every token it issues `token_use: "access"` or `"id"`; only access tokens open the API. */
export const ACCESS_TOKEN_USE = 'access';

export interface Principal {
  sub: string;
  role: Role;
  purchaserId?: string;
  contractorId?: string;
  /**
   * Issue 12 §1: set when a partner portal acts for `contractorId` under the contractor's delegation (header
   * `On-Behalf-Of`, shared/http/api-handler.ts): the principal is then role `contractor` with that contractorId,
   * `sub` stays the portal's (the caller: its rate limit and its Idempotency-Keys), and `via` names the portal and
   * the delegated scope the route needs.
   */
  via?: { portal: string; scope: DelegationScope };
}

/** The request header a partner portal names the contractor it acts for with (issue 12 §1, docs/delegations.md). */
export const ON_BEHALF_OF_HEADER = 'On-Behalf-Of';

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * API Gateway HTTP API hands JWT claims to Lambda with arrays flattened to "[a b]" strings;
 * the embedded gateway does the same. Accept both so tests can pass real arrays.
 */
function asList(value: ClaimValue): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  const trimmed = value.replace(/^\[|\]$/g, '').trim();
  return trimmed === '' ? [] : trimmed.split(/[\s,]+/);
}

/**
 * Issue 11 §2 (Tokens). A Cognito ID token passes the HTTP API's JWT authorizer: its `aud` is the app client
 * id, which is in the authorizer's audience list because access tokens carry that id as `client_id`. Only an
 * access token carries the tenant claims the pre-token trigger adds and answers to the token's scopes, so an ID
 * token is refused here, on AWS and on the embedded stack alike (every protected route passes through here).
 *
 * Cognito sets `token_use` on every token it issues, so a token without it is not one of the pool's access
 * tokens either: anything else than `access`, a missing `token_use` included, is refused.
 */
function refuseNonAccessToken(claims: Record<string, ClaimValue>): void {
  const use = claims.token_use;
  if (use === ACCESS_TOKEN_USE) return;
  throw new HttpProblem(
    401,
    'Unauthorized',
    `send the access token: this token's token_use is "${String(use)}", and only "${ACCESS_TOKEN_USE}" tokens are accepted (an ID token is not)`,
  );
}

/**
 * Role from `cognito:groups` (users) or from the portal scope (machine clients); undefined if neither.
 * A user in more than one role group is refused (403): which role they act in must never depend on the order
 * Cognito lists the groups in (it lists them by precedence, so the first was the most privileged), and every
 * read and write is scoped by one role and one tenant (R-BUY-1). An administrator removes the extra groups.
 */
export function principalFromClaims(claims: Record<string, ClaimValue>): Principal | undefined {
  refuseNonAccessToken(claims);
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!sub) return undefined;
  const groups = roleGroups(asList(claims['cognito:groups']));
  if (groups.length > 1) {
    throw new HttpProblem(
      403,
      'Forbidden',
      `this user is in more than one role group (${[...groups].sort().join(', ')}): a user acts in exactly one role, so an administrator must remove the others`,
    );
  }
  const scopes = asList(claims.scope);
  const role: Role | undefined = groups[0] ?? (scopes.includes(PORTAL_SCOPE) ? 'portal' : undefined);
  if (!role) return undefined;
  const purchaserId = typeof claims[PURCHASER_CLAIM] === 'string' ? claims[PURCHASER_CLAIM] : undefined;
  const contractorId = typeof claims[CONTRACTOR_CLAIM] === 'string' ? claims[CONTRACTOR_CLAIM] : undefined;
  return { sub, role, ...(purchaserId ? { purchaserId } : {}), ...(contractorId ? { contractorId } : {}) };
}
