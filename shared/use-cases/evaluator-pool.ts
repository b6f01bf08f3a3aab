/**
 * The evaluator pool (评审专家库, R-PROC-3): the bureau registers evaluators and retires them; the bureau and the
 * towns read the pool to name a panel. Each change is one transaction with its audit entry (R-SUP-2).
 */
import type { Actor } from '#shared/domain/audit-chain';
import { isoWithOffset } from '#shared/domain/clock';
import { notFound } from '#shared/domain/errors';
import type { PoolMember, PoolMemberInput } from '#shared/domain/evaluator-pool';
import { registerMember, retireMember } from '#shared/domain/evaluator-pool';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import { assertCreateOrReplace, assertVersion, lostRace } from './if-match';
import type { Deps } from './ports';

/** The audit chain of a pool entry: `AUDIT#evaluator#<sub>`. */
export const POOL_RECORD_TYPE = 'evaluator';

const memberChange = (
  member: PoolMember,
  action: string,
  actor: Actor,
  previous: Stored<PoolMember> | undefined,
): RecordChange => ({
  recordType: POOL_RECORD_TYPE,
  recordId: member.sub,
  key: keys.evaluatorPoolMember(member.sub),
  value: member,
  ...previousOf(previous),
  actor,
  action,
  at: member.updatedAt,
});

/**
 * R-PROC-3: registers `sub` as an evaluator (`ifMatch` null: If-None-Match: *), or updates the member's name and
 * expertise (`ifMatch` its version: If-Match; `created` false). Nothing is written when nothing changes. The rules
 * of the entry come first (a retired member is not registered again), then the caller's precondition (issue 12
 * §3): two registrations of one new sub, or two updates from one read, land once; the other is 412, where it was
 * decided again on what landed before, so two staff editing one entry no longer overwrite each other.
 */
export async function registerEvaluator(
  deps: Deps,
  sub: string,
  input: PoolMemberInput,
  ctx: { actor: Actor; ifMatch: number | null },
): Promise<{ member: PoolMember; created: boolean }> {
  const stored = await deps.store.get<PoolMember>(keys.evaluatorPoolMember(sub));
  const next = registerMember(stored?.value, sub, input, {
    actor: ctx.actor,
    now: isoWithOffset(deps.clock.now()),
  });
  const what = `evaluator ${sub}`;
  assertCreateOrReplace(stored?.value, ctx.ifMatch, what);
  if (next === stored?.value) return { member: next, created: false };
  await deps.store
    .commit([memberChange(next, stored ? 'evaluator.updated' : 'evaluator.registered', ctx.actor, stored)])
    .catch((error: unknown) => {
      throw lostRace(error, what);
    });
  return { member: next, created: !stored };
}

/** R-PROC-3: retires a member (dated, with its reason); the entry stays and sits on no new panel. */
export async function retireEvaluator(
  deps: Deps,
  sub: string,
  input: { reason: string },
  ctx: { actor: Actor; ifMatch: number },
): Promise<PoolMember> {
  const stored = await deps.store.get<PoolMember>(keys.evaluatorPoolMember(sub));
  if (!stored) throw notFound('evaluator');
  assertVersion(stored.value, ctx.ifMatch);
  const next = retireMember(stored.value, input.reason, {
    actor: ctx.actor,
    now: isoWithOffset(deps.clock.now()),
  });
  await deps.store.commit([memberChange(next, 'evaluator.retired', ctx.actor, stored)]);
  return next;
}

/** One page of the pool, active and retired, in sub order. */
export async function listEvaluators(
  deps: Deps,
  page: { limit: number; cursor?: string },
): Promise<Page<PoolMember>> {
  const found = await deps.store.queryPartition<PoolMember>(keys.evaluatorPoolPartition(), {
    limit: page.limit,
    sortKeyPrefix: 'MEMBER#',
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { items: found.items.map((m) => m.value), ...(found.cursor ? { cursor: found.cursor } : {}) };
}

/**
 * What the pool holds for each of `subs` (absent subs are left out). The panel's transaction checks again that
 * every new member is active when it lands.
 */
export async function poolMembers(deps: Deps, subs: readonly string[]): Promise<Map<string, PoolMember>> {
  const found = await Promise.all(
    [...new Set(subs)].map((sub) => deps.store.get<PoolMember>(keys.evaluatorPoolMember(sub))),
  );
  return new Map(found.filter((m) => m !== undefined).map((m) => [m.value.sub, m.value]));
}

/** The whole pool, read consistently, for a draw. */
export async function wholePool(deps: Deps): Promise<PoolMember[]> {
  const all = await deps.store.queryAll<PoolMember>(keys.evaluatorPoolPartition(), {
    sortKeyPrefix: 'MEMBER#',
    consistent: true,
  });
  return all.map((m) => m.value);
}
