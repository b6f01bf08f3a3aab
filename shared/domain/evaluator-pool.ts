/**
 * The evaluator pool (评审专家库, R-PROC-3, R-PROC-5): the bureau's register of the users who may sit on an
 * evaluation panel, and the system draw of a panel from it. Pure: the use cases load and commit.
 *
 * A pool entry is the bureau's statement that this token subject (`sub`) is an evaluator. A panel names only
 * active members; a member is retired (dated, with a reason), never deleted, so a past panel's members stay
 * known.
 *
 * The draw is reproducible by anyone from what is published with it: the seed is the SHA-256 of the project id,
 * the bid deadline, the instant of the draw, a random nonce made by the system at that instant (so the caller
 * cannot choose a seed by choosing the moment), the project's audit head before the draw (so a draw cannot be
 * computed ahead of the change it belongs to) and the digest of the pool it was drawn from. Each pool member is
 * ranked by SHA-256(seed ␊ sub) and the `size` lowest are the panel.
 */
import { createHash } from 'node:crypto';
import type { Actor } from './audit-chain';
import { DomainError } from './errors';

export const POOL_STATUSES = ['active', 'retired'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

export interface PoolMember {
  /** The evaluator's token subject (a Cognito user's `sub`). */
  sub: string;
  name: string;
  /** Fields of expertise (专业领域), each once. */
  expertise: string[];
  status: PoolStatus;
  registeredAt: string;
  registeredBy: Actor;
  /** Set once: a retired member sits on no new panel and is not registered again. */
  retired?: { at: string; by: Actor; reason: string };
  version: number;
  updatedAt: string;
}

export interface PoolMemberInput {
  name: string;
  expertise: readonly string[];
}

const invalid = (field: string, message: string) =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule: 'R-PROC-3' });

/**
 * R-PROC-3: registers `sub` in the pool, or updates a member's name and expertise. Returns `current` itself
 * when nothing changes. A retired member stays retired (409).
 */
export function registerMember(
  current: PoolMember | undefined,
  sub: string,
  input: PoolMemberInput,
  ctx: { actor: Actor; now: string },
): PoolMember {
  const repeated = input.expertise.find((e, i) => input.expertise.indexOf(e) !== i);
  if (repeated !== undefined) throw invalid('expertise', `${repeated} is named twice`);
  if (!current) {
    return {
      sub,
      name: input.name,
      expertise: [...input.expertise],
      status: 'active',
      registeredAt: ctx.now,
      registeredBy: ctx.actor,
      version: 1,
      updatedAt: ctx.now,
    };
  }
  if (current.status === 'retired') {
    throw new DomainError(
      'conflict',
      `evaluator ${sub} was retired on ${current.retired?.at ?? current.updatedAt}; a retired evaluator is not registered again`,
      { rule: 'R-PROC-3' },
    );
  }
  const same =
    current.name === input.name &&
    current.expertise.length === input.expertise.length &&
    current.expertise.every((e, i) => e === input.expertise[i]);
  if (same) return current;
  return {
    ...current,
    name: input.name,
    expertise: [...input.expertise],
    version: current.version + 1,
    updatedAt: ctx.now,
  };
}

/** R-PROC-3: retires an active member, dated and with a reason; the entry stays. */
export function retireMember(
  member: PoolMember,
  reason: string,
  ctx: { actor: Actor; now: string },
): PoolMember {
  if (member.status === 'retired') {
    throw new DomainError('conflict', `evaluator ${member.sub} was retired on ${member.retired?.at}`, {
      rule: 'R-PROC-3',
    });
  }
  return {
    ...member,
    status: 'retired',
    retired: { at: ctx.now, by: ctx.actor, reason },
    version: member.version + 1,
    updatedAt: ctx.now,
  };
}

/**
 * R-PROC-3: every id of a panel is an active member of the pool (400 naming `evaluatorIds` with the ids that
 * are not). `members` holds what the pool has for each named id.
 */
export function checkPoolMembers(
  evaluatorIds: readonly string[],
  members: ReadonlyMap<string, PoolMember>,
): void {
  const unknown = evaluatorIds.filter((id) => !members.has(id));
  const retired = evaluatorIds.filter((id) => members.get(id)?.status === 'retired');
  if (unknown.length === 0 && retired.length === 0) return;
  const parts = [
    ...(unknown.length ? [`not in the evaluator pool: ${unknown.join(', ')}`] : []),
    ...(retired.length ? [`retired from the pool: ${retired.join(', ')}`] : []),
  ];
  throw invalid(
    'evaluatorIds',
    `a panel names active members of the evaluator pool only; ${parts.join('; ')}`,
  );
}

// ---- the system draw (R-PROC-5) ----

export const DRAW_ALGORITHM = 'sha256-rank/v1';
/** The most pool members a draw reads and publishes with its result (narrow it by expertise beyond that). */
export const MAX_DRAW_POOL = 1000;

/** What the seed is the hash of, published with the draw. */
export interface DrawSeedInputs {
  projectId: string;
  /** The bid deadline of the notice, or null before publication. */
  bidDeadline: string | null;
  drawnAt: string;
  /** 32 hex digits made by the system at the draw. */
  nonce: string;
  /** The hash of the project's last audit entry before the draw. */
  auditHead: string;
  /** `poolDigest(pool)`. */
  poolDigest: string;
}

/** A drawn panel's record: enough to draw it again. */
export interface PanelDraw {
  algorithm: typeof DRAW_ALGORITHM;
  size: number;
  /** The field of expertise the pool was narrowed to, if any. */
  expertise?: string;
  seedInputs: DrawSeedInputs;
  /** Hex SHA-256 of the seed inputs, one per line in the order of DrawSeedInputs. */
  seed: string;
  /** The active members drawn from (subs, in code-unit order), as they were at the draw. */
  pool: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The digest of a pool: SHA-256 of its subs in code-unit order, one per line. */
export const poolDigest = (pool: readonly string[]): string => sha256([...pool].sort(byCodeUnit).join('\n'));

export function drawSeed(inputs: DrawSeedInputs): string {
  return sha256(
    [
      DRAW_ALGORITHM,
      inputs.projectId,
      inputs.bidDeadline ?? '',
      inputs.drawnAt,
      inputs.nonce,
      inputs.auditHead,
      inputs.poolDigest,
    ].join('\n'),
  );
}

/** The `size` members of `pool` whose SHA-256(seed ␊ sub) is lowest, in that order. */
export function drawFromPool(seed: string, pool: readonly string[], size: number): string[] {
  return pool
    .map((sub) => ({ sub, rank: sha256(`${seed}\n${sub}`) }))
    .sort((a, b) => byCodeUnit(a.rank, b.rank) || byCodeUnit(a.sub, b.sub))
    .slice(0, size)
    .map((r) => r.sub);
}

/**
 * R-PROC-5: draws `size` members from the active pool (narrowed to `expertise` if given). 422 naming `size` when
 * the pool holds fewer, or `expertise` when it holds more than MAX_DRAW_POOL.
 */
export function drawPanel(input: {
  projectId: string;
  bidDeadline: string | null;
  drawnAt: string;
  nonce: string;
  auditHead: string;
  members: readonly PoolMember[];
  size: number;
  expertise?: string;
}): { evaluatorIds: string[]; draw: PanelDraw } {
  const pool = input.members
    .filter((m) => m.status === 'active')
    .filter((m) => input.expertise === undefined || m.expertise.includes(input.expertise))
    .map((m) => m.sub)
    .sort(byCodeUnit);
  const among = input.expertise === undefined ? '' : ` with expertise ${input.expertise}`;
  if (pool.length < input.size) {
    throw new DomainError(
      'refused',
      `size: the evaluator pool holds ${pool.length} active members${among}, fewer than ${input.size}`,
      { field: 'size', rule: 'R-PROC-3' },
    );
  }
  if (pool.length > MAX_DRAW_POOL) {
    throw new DomainError(
      'refused',
      `expertise: the evaluator pool holds ${pool.length} active members${among}; a draw reads at most ${MAX_DRAW_POOL}, narrow it by expertise`,
      { field: 'expertise', rule: 'R-PROC-5' },
    );
  }
  const seedInputs: DrawSeedInputs = {
    projectId: input.projectId,
    bidDeadline: input.bidDeadline,
    drawnAt: input.drawnAt,
    nonce: input.nonce,
    auditHead: input.auditHead,
    poolDigest: poolDigest(pool),
  };
  const seed = drawSeed(seedInputs);
  return {
    evaluatorIds: drawFromPool(seed, pool, input.size),
    draw: {
      algorithm: DRAW_ALGORITHM,
      size: input.size,
      ...(input.expertise !== undefined ? { expertise: input.expertise } : {}),
      seedInputs,
      seed,
      pool,
    },
  };
}

/**
 * What an auditor does with a published draw: recompute the pool digest and the seed from the record, then the
 * panel. Returns the panel, or why the record does not hold together.
 */
export function replayDraw(draw: PanelDraw): { evaluatorIds: string[] } | { problem: string } {
  if (poolDigest(draw.pool) !== draw.seedInputs.poolDigest) {
    return { problem: 'the published pool does not match its digest' };
  }
  if (drawSeed(draw.seedInputs) !== draw.seed) return { problem: 'the seed is not the hash of its inputs' };
  return { evaluatorIds: drawFromPool(draw.seed, draw.pool, draw.size) };
}
