/**
 * Purchaser scope (R-BUY-1) and procurement rules per purchaser (R-PROC-2, R-PROC-3).
 */
import type { Viewer } from '#shared/domain/access';
import { inPurchaserScope } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import type { Purchaser } from '#shared/domain/district-seed';
import { DomainError } from '#shared/domain/errors';
import type { ProcurementRules, RulesInput } from '#shared/domain/procurement-rules';
import { configureRules, defaultRules, priceWeightInFrame } from '#shared/domain/procurement-rules';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import { assertVersion } from './if-match';
import type { Deps } from './ports';

/** Another purchaser's records answer exactly as missing ones (no tenant leak). */
export const purchaserNotFound = (location: 'body' | 'query' | 'path' = 'body') =>
  new DomainError('not_found', 'purchaserId: no such purchaser', {
    field: location === 'path' ? 'id' : 'purchaserId',
    location,
  });

export function assertInScope(
  viewer: Viewer,
  purchaserId: string,
  location: 'body' | 'query' | 'path',
): void {
  if (!inPurchaserScope(viewer, purchaserId)) throw purchaserNotFound(location);
}

/** The purchaser a list is for: the one asked for, else the caller's own; never one out of scope. */
export function listScope(viewer: Viewer, asked: string | undefined): string {
  const purchaserId = asked ?? viewer.purchaserId;
  if (!purchaserId) {
    throw new DomainError('invalid', 'purchaserId: name the purchaser whose records to list', {
      field: 'purchaserId',
      location: 'query',
    });
  }
  assertInScope(viewer, purchaserId, 'query');
  return purchaserId;
}

export async function loadPurchaser(
  deps: Deps,
  purchaserId: string,
  location: 'body' | 'query' | 'path',
): Promise<Purchaser> {
  const stored = await deps.store.get<Purchaser>(keys.purchaser(purchaserId));
  if (!stored) throw purchaserNotFound(location);
  return stored.value;
}

/**
 * The purchaser's stored rules, or the defaults (version 0) while none are stored. The price-weight bounds are
 * always answered inside the R-PROC-3 frame, so a record stored before the frame was enforced cannot let price
 * decide a project's award (every project path reads its rules here).
 */
export async function loadRules(
  deps: Deps,
  purchaserId: string,
): Promise<{ rules: ProcurementRules; stored?: Stored<ProcurementRules> }> {
  const stored = await deps.store.get<ProcurementRules>(keys.procurementRules(purchaserId));
  return stored ? { rules: priceWeightInFrame(stored.value), stored } : { rules: defaultRules(purchaserId) };
}

export async function readRules(deps: Deps, purchaserId: string, viewer: Viewer): Promise<ProcurementRules> {
  assertInScope(viewer, purchaserId, 'path');
  const [, { rules }] = await Promise.all([
    loadPurchaser(deps, purchaserId, 'path'),
    loadRules(deps, purchaserId),
  ]);
  return rules;
}

export async function setRules(
  deps: Deps,
  purchaserId: string,
  input: RulesInput,
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<ProcurementRules> {
  assertInScope(ctx.viewer, purchaserId, 'path');
  const [, { rules, stored }] = await Promise.all([
    loadPurchaser(deps, purchaserId, 'path'),
    loadRules(deps, purchaserId),
  ]);
  assertVersion(rules, ctx.ifMatch);
  const now = isoWithOffset(deps.clock.now());
  const next = configureRules(rules, input, { actor: ctx.actor, now });
  const change: RecordChange = {
    recordType: 'procurement-rules',
    recordId: purchaserId,
    key: keys.procurementRules(purchaserId),
    value: next,
    ...previousOf(stored),
    actor: ctx.actor,
    action: stored ? 'procurement-rules.changed' : 'procurement-rules.configured',
    at: now,
  };
  try {
    await deps.store.commit([change]);
  } catch (error) {
    // Two first configurations raced: the loser read version 0, which is no longer current.
    if (error instanceof DomainError && error.code === 'duplicate') {
      throw new DomainError(
        'stale',
        `If-Match "${ctx.ifMatch}" is no longer the current version; read it again`,
      );
    }
    throw error;
  }
  return next;
}
