/**
 * Tenant scoping (architecture.md, API conventions): a contractor sees only itself, a partner portal
 * only the contractors it registered; bureau staff see the registry. Another tenant's record is "not found".
 */
import type { Actor } from './audit-chain';

export interface Viewer {
  sub: string;
  role: string;
  contractorId?: string;
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
