/**
 * Delegations (issue 12 §1): a contractor lets a partner portal act for it within named scopes, until a date, and
 * may take it back. The portal is identified by its machine client's token subject (`portalId`, the client id on
 * Cognito). Pure rules: who may grant which scope, how long a grant may last, and whether a delegation lets a portal
 * act on a route now. The use cases (shared/use-cases/delegations.ts) write each change with its audit entry
 * (R-SUP-2); the request pipeline (shared/http/api-handler.ts) asks `delegationRefusal` before a portal acts.
 *
 * Why a bid's price and a contract's signature need the contractor's own user (docs/delegations.md): a bid is an
 * offer that binds the contractor to its price, and a signature binds it to the contract (R-CON-1, R-FUND-2); in
 * China one acts for an organization in such commitments only under its own power of attorney (授权委托书), signed
 * by the organization itself. The bureau buys from the contractors: were it able to let a portal bid or sign for a
 * contractor, the purchaser would be authorizing offers made to itself (R-PROC-5, fair competition). So `bids` and
 * `contracts` are granted by the contractor's own user only; the bureau may grant `documents` (evidence for the
 * qualification it reviews anyway) and `deliveries`, on the contractor's written consent (`consentReference`).
 */
import type { Actor } from './audit-chain';
import { isoWithOffset } from './clock';
import { DomainError } from './errors';

/**
 * What a contractor may delegate to a partner portal: a portal holding a live delegation of a route's scope acts as
 * that contractor on the route, and on no other. Re-exported by shared/http/route-def.ts (`RouteDef.delegable`).
 */
export const DELEGATION_SCOPES = ['documents', 'bids', 'contracts', 'deliveries'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];

/**
 * What the bureau may grant for a contractor, on the contractor's written consent (`consentReference`); the others
 * (bids, contracts: a price offered, a contract signed) commit the contractor, and only its own user grants them.
 */
export const BUREAU_GRANTABLE_SCOPES: readonly DelegationScope[] = ['documents', 'deliveries'];

/** The longest a grant may run: one year from the day it is given (a renewal is a new grant, seen in the audit). */
export const MAX_DELEGATION_YEARS = 1;

export interface Delegation {
  contractorId: string;
  /** The portal's machine client: its token `sub`. */
  portalId: string;
  scopes: DelegationScope[];
  /**
   * When it lapses (ISO 8601 with offset). Not `expiresAt`: that is the table's TTL attribute (table-design.ts),
   * which stripKeys drops from every record read, and a delegation is never deleted (R-SUP-2).
   */
  validUntil: string;
  /** The contractor's written consent the bureau relies on (a letter's number); absent when the contractor granted. */
  consentReference?: string;
  grantedBy: Actor;
  grantedAt: string;
  /** Dated, never a delete: a revoked delegation stays, and a new grant (If-Match) replaces it. */
  revoked?: { by: Actor; at: string; reason?: string };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DelegationStatus = 'active' | 'expired' | 'revoked';

/** Who grants: the contractor's own user (for its own contractor only) or the bureau. */
export type Grantor = 'contractor' | 'bureau';

export interface GrantInput {
  scopes: readonly DelegationScope[];
  validUntil: Date;
  consentReference?: string;
}

export function delegationStatus(d: Pick<Delegation, 'validUntil' | 'revoked'>, now: Date): DelegationStatus {
  if (d.revoked) return 'revoked';
  return new Date(d.validUntil).getTime() > now.getTime() ? 'active' : 'expired';
}

/** The latest instant a grant given at `now` may run to: the same instant a year later. */
export function latestValidUntil(now: Date): Date {
  const latest = new Date(now.getTime());
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_DELEGATION_YEARS);
  return latest;
}

/**
 * Why `grantor` may not grant these scopes, or undefined when it may. The caller answers 403 with the reason: the
 * request is well formed, the grantor lacks the authority.
 */
export function grantRefusal(grantor: Grantor, input: Pick<GrantInput, 'scopes'>): string | undefined {
  if (grantor === 'contractor') return undefined;
  const reserved = input.scopes.filter((scope) => !BUREAU_GRANTABLE_SCOPES.includes(scope));
  if (reserved.length === 0) return undefined;
  return `only the contractor's own user may delegate ${reserved.join(' and ')}: a bid's price and a contract's signature commit the contractor, as a power of attorney (授权委托书) it signs itself; the bureau may delegate ${BUREAU_GRANTABLE_SCOPES.join(' and ')} on the contractor's written consent`;
}

/**
 * Why the bureau may not replace this stored delegation, or undefined when it may (review of issue 12 §1): what the
 * contractor's own user granted or revoked stays its own to change again. The bureau, acting on written consent,
 * may revoke such a delegation, never widen, extend or revive it: a revocation by the contractor holds.
 */
export function bureauOverruleRefusal(
  grantor: Grantor,
  previous: Delegation | undefined,
): string | undefined {
  if (grantor !== 'bureau' || !previous) return undefined;
  const contractorSet =
    previous.revoked?.by.role === 'contractor' ||
    (!previous.revoked && previous.grantedBy.role === 'contractor');
  if (!contractorSet) return undefined;
  return `the contractor's own user ${previous.revoked ? 'revoked' : 'granted'} this delegation: only it may change it again; the bureau may revoke it`;
}

/**
 * A grant (first or replacing one): scopes each once, a lapse within a year, the bureau's consent reference.
 * `previous` is the stored delegation a replacement changes (its revocation is lifted: the grant is new).
 */
export function grantDelegation(
  previous: Delegation | undefined,
  ids: { contractorId: string; portalId: string },
  input: GrantInput,
  ctx: { actor: Actor; grantor: Grantor; now: Date; at: string },
): Delegation {
  if (new Set(input.scopes).size !== input.scopes.length || input.scopes.length === 0) {
    throw new DomainError('invalid', 'name each scope once, at least one', { field: 'scopes' });
  }
  if (input.validUntil.getTime() <= ctx.now.getTime()) {
    throw new DomainError('invalid', 'validUntil must be in the future', { field: 'validUntil' });
  }
  if (input.validUntil.getTime() > latestValidUntil(ctx.now).getTime()) {
    throw new DomainError(
      'invalid',
      `validUntil may be at most ${MAX_DELEGATION_YEARS} year ahead; renew the delegation before it lapses`,
      { field: 'validUntil' },
    );
  }
  if (ctx.grantor === 'bureau' && !input.consentReference) {
    throw new DomainError(
      'invalid',
      "the bureau grants on the contractor's written consent: give its reference (consentReference)",
      { field: 'consentReference' },
    );
  }
  const scopes = DELEGATION_SCOPES.filter((scope) => input.scopes.includes(scope));
  return {
    contractorId: ids.contractorId,
    portalId: ids.portalId,
    scopes,
    validUntil: isoWithOffset(input.validUntil),
    ...(input.consentReference ? { consentReference: input.consentReference } : {}),
    grantedBy: ctx.actor,
    grantedAt: ctx.at,
    version: (previous?.version ?? 0) + 1,
    createdAt: previous?.createdAt ?? ctx.at,
    updatedAt: ctx.at,
  };
}

/** Revokes a delegation, dated; a revoked one cannot be revoked again (409). */
export function revokeDelegation(
  current: Delegation,
  input: { reason?: string },
  ctx: { actor: Actor; at: string },
): Delegation {
  if (current.revoked) {
    throw new DomainError('conflict', `this delegation was revoked at ${current.revoked.at} already`);
  }
  return {
    ...current,
    revoked: { by: ctx.actor, at: ctx.at, ...(input.reason ? { reason: input.reason } : {}) },
    version: current.version + 1,
    updatedAt: ctx.at,
  };
}

/**
 * Why the portal may not act for the contractor on a route of `scope` now, or undefined when it may. The request
 * pipeline answers 403 with the reason: a portal learns only about its own delegation.
 */
export function delegationRefusal(
  delegation: Pick<Delegation, 'contractorId' | 'scopes' | 'validUntil' | 'revoked'> | undefined,
  scope: DelegationScope,
  now: Date,
  contractorId: string,
): string | undefined {
  if (!delegation) return `contractor ${contractorId} has not delegated anything to this portal`;
  switch (delegationStatus(delegation, now)) {
    case 'revoked':
      return `contractor ${contractorId} revoked its delegation to this portal at ${delegation.revoked?.at}`;
    case 'expired':
      return `the delegation of contractor ${contractorId} to this portal expired at ${delegation.validUntil}`;
    case 'active':
      break;
  }
  if (!delegation.scopes.includes(scope)) {
    return `contractor ${contractorId} has delegated ${delegation.scopes.join(', ')} to this portal, not ${scope}`;
  }
  return undefined;
}
