import type { Role } from '#shared/http/route-def';
import { ROLES } from '#shared/http/route-def';

/** Cognito resource server and the scope a partner portal's machine client (client credentials) holds. */
export const RESOURCE_SERVER_ID = 'procurement';
export const PORTAL_SCOPE = `${RESOURCE_SERVER_ID}/portal`;
/** Custom claims added to access tokens (Cognito pre-token-generation on AWS, the dev token locally). */
export const PURCHASER_CLAIM = 'purchaserId';
export const CONTRACTOR_CLAIM = 'contractorId';

export interface Principal {
  sub: string;
  role: Role;
  purchaserId?: string;
  contractorId?: string;
}

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

/** Role from `cognito:groups` (users) or from the portal scope (machine clients); undefined if neither. */
export function principalFromClaims(claims: Record<string, ClaimValue>): Principal | undefined {
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!sub) return undefined;
  const groups = asList(claims['cognito:groups']).filter((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  const scopes = asList(claims.scope);
  const role: Role | undefined = groups[0] ?? (scopes.includes(PORTAL_SCOPE) ? 'portal' : undefined);
  if (!role) return undefined;
  const purchaserId = typeof claims[PURCHASER_CLAIM] === 'string' ? claims[PURCHASER_CLAIM] : undefined;
  const contractorId = typeof claims[CONTRACTOR_CLAIM] === 'string' ? claims[CONTRACTOR_CLAIM] : undefined;
  return { sub, role, ...(purchaserId ? { purchaserId } : {}), ...(contractorId ? { contractorId } : {}) };
}
