/**
 * Tenant scoping (architecture.md, API conventions): a contractor sees only itself, a partner portal
 * only the contractors it registered; bureau staff see the registry. Another tenant's record is "not found".
 */
import type { Actor } from './audit-chain';

export interface Viewer {
  sub: string;
  role: string;
  contractorId?: string;
  purchaserId?: string;
  /**
   * Issue 12 §1: a partner portal acting as the contractor under its delegation (shared/http/principal.ts): the
   * viewer is then role `contractor`, and `via` names the portal and the scope it was delegated.
   */
  via?: { portal: string; scope: string };
}

/**
 * Issue 12 §1: who may grant or revoke a contractor's delegations to portals: its own user (not a portal acting
 * for it: a delegation never widens itself) or the bureau. `undefined` for anyone else; a contractor's user asking
 * for another contractor gets `not_found`, as for every other record of another tenant.
 */
export function delegationGrantor(
  viewer: Viewer,
  contractorId: string,
): 'contractor' | 'bureau' | 'not_found' | undefined {
  if (viewer.role === 'bureau') return 'bureau';
  if (viewer.role !== 'contractor' || viewer.via) return undefined;
  return viewer.contractorId === contractorId ? 'contractor' : 'not_found';
}

export function canSeeContractor(viewer: Viewer, contractor: { id: string; registeredBy: Actor }): boolean {
  switch (viewer.role) {
    case 'contractor':
      return viewer.contractorId === contractor.id;
    case 'portal':
      return contractor.registeredBy.sub === viewer.sub;
    case 'bureau':
    case 'town':
    case 'auditor':
    case 'finance':
      return true;
    default:
      return false;
  }
}

/** Evidence documents: the contractor itself and the bureau only (issue 2 §5). */
export function canSeeEvidence(viewer: Viewer, contractorId: string): boolean {
  return viewer.role === 'bureau' || (viewer.role === 'contractor' && viewer.contractorId === contractorId);
}

/**
 * R-BUY-1: every budget line, project and rule set belongs to one purchaser. A town sees and changes only
 * its own; the district bureau, finance and audit see every purchaser of the district. Whether the role may
 * use a route at all is the route table's call; this decides which purchasers' records it reaches.
 */
export function inPurchaserScope(viewer: Viewer, purchaserId: string): boolean {
  switch (viewer.role) {
    case 'town':
      return viewer.purchaserId === purchaserId;
    case 'bureau':
    case 'finance':
    case 'auditor':
      return true;
    default:
      return false;
  }
}
