/**
 * Delegations to partner portals (issue 12 §1): grant or replace, revoke, list. Each change is one transaction
 * with its audit entry (R-SUP-2), chained per delegation as `AUDIT#delegation#<contractorId>.<portalId>`.
 * The rules are the domain's (shared/domain/delegation.ts); who may act on them is access.ts `delegationGrantor`.
 */
import type { Viewer } from '#shared/domain/access';
import { canSeeContractor, delegationGrantor } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import type { Contractor } from '#shared/domain/contractor';
import type { Delegation, DelegationStatus, GrantInput } from '#shared/domain/delegation';
import {
  delegationStatus,
  grantDelegation as grant,
  bureauOverruleRefusal,
  grantRefusal,
  revokeDelegation as revoke,
} from '#shared/domain/delegation';
import { notFound } from '#shared/domain/errors';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { HttpProblem } from '#shared/http/problem';
import { assertCreateOrReplace, assertVersion, lostRace } from './if-match';
import type { Deps } from './ports';

export const DELEGATION_RECORD_TYPE = 'delegation';
/** A delegation's audit record id: the contractor id (no `.` in it) and the portal's sub, joined by `.`. */
export const delegationRecordId = (contractorId: string, portalId: string) => `${contractorId}.${portalId}`;

export type DelegationView = Delegation & { status: DelegationStatus };
export const withStatus = (d: Delegation, now: Date): DelegationView => ({
  ...d,
  status: delegationStatus(d, now),
});

const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);

/** The grantor for a change, or the refusal: 404 for another contractor's user, 403 for anyone else. */
async function grantorFor(deps: Deps, viewer: Viewer, contractorId: string) {
  const grantor = delegationGrantor(viewer, contractorId);
  if (grantor === 'not_found') throw notFound('contractor');
  if (!grantor) {
    throw forbidden(
      "only the contractor's own user or the bureau grants and revokes a contractor's delegations (a portal never widens its own)",
    );
  }
  if (!(await deps.store.get<Contractor>(keys.contractor(contractorId)))) throw notFound('contractor');
  return grantor;
}

const change = (
  next: Delegation,
  action: string,
  actor: Actor,
  previous: Stored<Delegation> | undefined,
): RecordChange => ({
  recordType: DELEGATION_RECORD_TYPE,
  recordId: delegationRecordId(next.contractorId, next.portalId),
  key: keys.delegation(next.contractorId, next.portalId),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
});

const DELEGATION = 'the delegation of this contractor to this portal';

/**
 * Grants (If-None-Match: *, `ifMatch` null) or replaces (If-Match) the contractor's delegation to a portal. A
 * replacement of a revoked delegation is a new grant: the revocation stays in the audit trail.
 */
export async function grantDelegation(
  deps: Deps,
  ids: { contractorId: string; portalId: string },
  input: GrantInput,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number | null },
): Promise<{ delegation: DelegationView; created: boolean }> {
  const grantor = await grantorFor(deps, ctx.viewer, ids.contractorId);
  const refusal = grantRefusal(grantor, input);
  if (refusal) throw forbidden(refusal);
  const stored = await deps.store.get<Delegation>(keys.delegation(ids.contractorId, ids.portalId));
  const overrule = bureauOverruleRefusal(grantor, stored?.value);
  if (overrule) throw forbidden(overrule);
  assertCreateOrReplace(stored?.value, ctx.ifMatch, DELEGATION);
  const now = deps.clock.now();
  const next = grant(stored?.value, ids, input, {
    actor: ctx.actor,
    grantor,
    now,
    at: isoWithOffset(now),
  });
  // Of two grants from the same read exactly one lands; the other is 412, as on every create-or-replace PUT.
  await deps.store
    .commit([change(next, stored ? 'delegation.replaced' : 'delegation.granted', ctx.actor, stored)])
    .catch((error: unknown) => {
      throw lostRace(error, DELEGATION);
    });
  return { delegation: withStatus(next, now), created: !stored };
}

/** Revokes the delegation from now on (If-Match), dated; it is never deleted. */
export async function revokeDelegation(
  deps: Deps,
  ids: { contractorId: string; portalId: string },
  input: { reason?: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<DelegationView> {
  await grantorFor(deps, ctx.viewer, ids.contractorId);
  const stored = await deps.store.get<Delegation>(keys.delegation(ids.contractorId, ids.portalId));
  if (!stored) throw notFound('delegation');
  assertVersion(stored.value, ctx.ifMatch);
  const now = deps.clock.now();
  const next = revoke(stored.value, input, { actor: ctx.actor, at: isoWithOffset(now) });
  await deps.store.commit([change(next, 'delegation.revoked', ctx.actor, stored)]);
  return withStatus(next, now);
}

/**
 * The contractor's delegations: every one for its own user and the bureau (a page, in portal order); for a portal
 * its own only, so it never learns which other portals act for the contractor. A portal with no delegation from
 * the contractor gets 404 unless it registered the contractor (then an empty list), as for the contractor itself.
 */
export async function listDelegations(
  deps: Deps,
  contractorId: string,
  viewer: Viewer,
  page: { limit: number; cursor?: string },
): Promise<{ items: DelegationView[]; cursor?: string }> {
  const now = deps.clock.now();
  if (viewer.role === 'portal') {
    const own = await deps.store.get<Delegation>(keys.delegation(contractorId, viewer.sub));
    if (own) return { items: [withStatus(own.value, now)] };
    const contractor = await deps.store.get<Contractor>(keys.contractor(contractorId));
    if (!contractor || !canSeeContractor(viewer, contractor.value)) throw notFound('contractor');
    return { items: [] };
  }
  const grantor = delegationGrantor(viewer, contractorId);
  if (
    !grantor ||
    grantor === 'not_found' ||
    !(await deps.store.get<Contractor>(keys.contractor(contractorId)))
  ) {
    throw notFound('contractor');
  }
  const found = await deps.store.queryPartition<Delegation>(keys.delegationPartition(contractorId), {
    limit: page.limit,
    sortKeyPrefix: 'PORTAL#',
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return {
    items: found.items.map((d) => withStatus(d.value, now)),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  };
}
