/**
 * The evaluator pool, the panel frozen at the bid deadline and the system draw with a published seed
 * (R-PROC-3, R-PROC-5; issue 11 §1 "the panel after the bids").
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PoolMember } from '#shared/domain/evaluator-pool';
import {
  checkPoolMembers,
  drawPanel,
  drawSeed,
  poolDigest,
  registerMember,
  replayDraw,
  retireMember,
} from '#shared/domain/evaluator-pool';
import type { Project } from '#shared/domain/project';
import { assignPanel, panelFrozen } from '#shared/domain/scoring';
import { project as baseProject } from '../handlers/procurement-fixtures';

const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const TOWN = { sub: 'u-town', role: 'town' };
const DEADLINE = '2025-03-25T10:00:00.000+08:00';
const BEFORE = '2025-03-25T09:59:59.999+08:00';
const AT = DEADLINE;
const AFTER = '2025-03-25T10:00:01.000+08:00';
const REGISTERED = '2025-01-02T09:00:00.000+08:00';

function member(sub: string, overrides: Partial<PoolMember> = {}): PoolMember {
  return {
    sub,
    name: `专家 ${sub}`,
    expertise: ['社会救助'],
    status: 'active',
    registeredAt: REGISTERED,
    registeredBy: BUREAU,
    version: 1,
    updatedAt: REGISTERED,
    ...overrides,
  };
}
const poolOf = (...members: PoolMember[]) => new Map(members.map((m) => [m.sub, m]));
const POOL = poolOf(...['ev-1', 'ev-2', 'ev-3', 'ev-4', 'ev-5'].map((s) => member(s)));

/** Published, bids close at DEADLINE; CloseBidding has not run yet whatever the clock says. */
const published = (overrides: Partial<Project> = {}) =>
  baseProject({
    status: 'published',
    evaluatorIds: ['ev-1', 'ev-2', 'ev-3'],
    tender: { publishedAt: '2025-03-12T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 2 },
    version: 5,
    ...overrides,
  });
const NEW_PANEL = ['ev-3', 'ev-4', 'ev-5'];
const change = (now: string, actor = TOWN, reason?: string) => ({
  sheetsInRound: 0,
  actor,
  now,
  pool: POOL,
  ...(reason !== undefined ? { reason } : {}),
});
const frozenForTown = expect.objectContaining({
  code: 'conflict',
  details: { rule: 'R-PROC-5' },
  message: expect.stringContaining('only the bureau'),
});

describe('the panel is frozen at the bid deadline (R-PROC-5)', () => {
  it('R-PROC-5: until the last millisecond before the deadline the town sets the panel, with no reason', () => {
    const next = assignPanel(published(), NEW_PANEL, change(BEFORE));
    expect(next.evaluatorIds).toEqual(NEW_PANEL);
    expect(next.panel).toEqual({
      at: BEFORE,
      by: TOWN,
      method: 'named',
      evaluatorIds: NEW_PANEL,
      afterDeadline: false,
    });
    expect(next.panelHistory).toEqual([next.panel]);
  });

  it('R-PROC-5: the clock decides: at the deadline and 1 s after it, before CloseBidding ran, a town gets 409', () => {
    expect(panelFrozen(published(), BEFORE)).toBe(false);
    expect(panelFrozen(published(), AT)).toBe(true);
    expect(panelFrozen(published(), AFTER)).toBe(true);
    expect(() => assignPanel(published(), NEW_PANEL, change(AT))).toThrow(frozenForTown);
    expect(() => assignPanel(published(), NEW_PANEL, change(AFTER))).toThrow(frozenForTown);
  });

  it('R-PROC-5: the status decides too: a closed project is frozen even on a clock behind the deadline', () => {
    const closed = published({ status: 'bidding_closed', scoringRound: 1 });
    expect(panelFrozen(closed, BEFORE)).toBe(true);
    expect(() => assignPanel(closed, NEW_PANEL, change(BEFORE))).toThrow(frozenForTown);
  });

  it('R-PROC-5: a project without a notice yet (approved) is not frozen', () => {
    expect(panelFrozen(published({ status: 'approved', tender: undefined }), AFTER)).toBe(false);
  });

  it('R-PROC-5: after the deadline the bureau needs a reason (400 naming reason)', () => {
    expect(() => assignPanel(published(), NEW_PANEL, change(AFTER, BUREAU))).toThrow(
      expect.objectContaining({ code: 'invalid', details: { field: 'reason', rule: 'R-PROC-5' } }),
    );
  });

  it('R-PROC-5: the bureau’s reason is kept on the panel record, the history and the timeline', () => {
    const before = assignPanel(published(), ['ev-1', 'ev-2', 'ev-4'], change(BEFORE));
    const next = assignPanel(before, NEW_PANEL, change(AFTER, BUREAU, '专家 ev-1 与投标人存在利害关系'));
    expect(next.panel).toEqual({
      at: AFTER,
      by: BUREAU,
      method: 'named',
      evaluatorIds: NEW_PANEL,
      afterDeadline: true,
      reason: '专家 ev-1 与投标人存在利害关系',
    });
    expect(next.panelHistory?.map((h) => [h.by.role, h.afterDeadline, h.reason])).toEqual([
      ['town', false, undefined],
      ['bureau', true, '专家 ev-1 与投标人存在利害关系'],
    ]);
    expect(next.timeline.at(-1)?.note).toBe(
      '3 evaluators; after the bid deadline: 专家 ev-1 与投标人存在利害关系',
    );
    expect(next.version).toBe(7);
  });
});

describe('a panel names active members of the evaluator pool (R-PROC-3)', () => {
  it('R-PROC-3: ids the pool does not hold are refused with 400 naming evaluatorIds and the ids', () => {
    expect(() => checkPoolMembers(['ev-1', 'nobody', 'ev-2', 'ghost'], POOL)).toThrow(
      expect.objectContaining({
        code: 'invalid',
        details: { field: 'evaluatorIds', rule: 'R-PROC-3' },
        message: expect.stringContaining('not in the evaluator pool: nobody, ghost'),
      }),
    );
  });

  it('R-PROC-3: a retired member is refused by name', () => {
    const pool = poolOf(member('ev-1'), member('ev-2', { status: 'retired' }), member('ev-3'));
    expect(() => assignPanel(published(), ['ev-1', 'ev-2', 'ev-3'], { ...change(BEFORE), pool })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('retired from the pool: ev-2') }),
    );
    expect(() => checkPoolMembers(['ev-1', 'ev-3'], pool)).not.toThrow();
  });
});

describe('the pool entries (R-PROC-3)', () => {
  const ctx = { actor: BUREAU, now: REGISTERED };

  it('R-PROC-3: registers an active member; the same again changes nothing; a change bumps the version', () => {
    const first = registerMember(undefined, 'ev-9', { name: '张敏', expertise: ['社会工作'] }, ctx);
    expect(first).toEqual({
      sub: 'ev-9',
      name: '张敏',
      expertise: ['社会工作'],
      status: 'active',
      registeredAt: REGISTERED,
      registeredBy: BUREAU,
      version: 1,
      updatedAt: REGISTERED,
    });
    expect(registerMember(first, 'ev-9', { name: '张敏', expertise: ['社会工作'] }, ctx)).toBe(first);
    const later = { actor: BUREAU, now: AFTER };
    const updated = registerMember(first, 'ev-9', { name: '张敏', expertise: ['社会工作', '财务'] }, later);
    expect(updated).toMatchObject({ version: 2, updatedAt: AFTER, registeredAt: REGISTERED });
    expect(updated.expertise).toEqual(['社会工作', '财务']);
  });

  it('R-PROC-3: a field of expertise named twice is 400 naming expertise', () => {
    expect(() =>
      registerMember(undefined, 'ev-9', { name: '张敏', expertise: ['财务', '财务'] }, ctx),
    ).toThrow(
      expect.objectContaining({ code: 'invalid', details: { field: 'expertise', rule: 'R-PROC-3' } }),
    );
  });

  it('R-PROC-3: retiring is dated and keeps the entry; a retired member is neither retired nor registered again', () => {
    const retired = retireMember(member('ev-1'), '调离本区', { actor: BUREAU, now: AFTER });
    expect(retired).toMatchObject({
      sub: 'ev-1',
      name: '专家 ev-1',
      status: 'retired',
      retired: { at: AFTER, by: BUREAU, reason: '调离本区' },
      version: 2,
    });
    expect(() => retireMember(retired, 'again', { actor: BUREAU, now: AFTER })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => registerMember(retired, 'ev-1', { name: 'x', expertise: ['y'] }, ctx)).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining('retired on') }),
    );
  });
});

describe('the system draw with a published seed (R-PROC-5)', () => {
  const members = [
    ...['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'].map((s) => member(s)),
    member('r8', { status: 'retired' }),
    member('x9', { expertise: ['财务'] }),
  ];
  const input = {
    projectId: 'prj_01jabcdefg0123456789',
    bidDeadline: DEADLINE,
    drawnAt: BEFORE,
    nonce: '00112233445566778899aabbccddeeff',
    auditHead: 'f'.repeat(64),
    members,
    size: 3,
    expertise: '社会救助',
  };
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  it('R-PROC-5: the seed is SHA-256 of the published inputs and the panel the lowest SHA-256(seed ␊ sub) of the pool', () => {
    const { evaluatorIds, draw } = drawPanel(input);
    // The pool as it was: active members with the expertise, retired and others left out.
    const pool = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];
    expect(draw.pool).toEqual(pool);
    expect(draw.seedInputs.poolDigest).toBe(sha(pool.join('\n')));
    // An auditor's own computation, written out here rather than calling the module's functions.
    const seed = sha(
      [
        'sha256-rank/v1',
        input.projectId,
        DEADLINE,
        BEFORE,
        input.nonce,
        input.auditHead,
        draw.seedInputs.poolDigest,
      ].join('\n'),
    );
    expect(draw.seed).toBe(seed);
    const expected = [...pool]
      .sort((x, y) => (sha(`${seed}\n${x}`) < sha(`${seed}\n${y}`) ? -1 : 1))
      .slice(0, 3);
    expect(evaluatorIds).toEqual(expected);
    expect(draw).toMatchObject({ algorithm: 'sha256-rank/v1', size: 3, expertise: '社会救助' });
    expect(replayDraw(draw)).toEqual({ evaluatorIds });
  });

  it('R-PROC-5: the same inputs draw the same panel; another nonce or audit head is another seed', () => {
    expect(drawPanel(input)).toEqual(drawPanel(input));
    expect(drawPanel({ ...input, nonce: 'ff'.repeat(16) }).draw.seed).not.toBe(drawPanel(input).draw.seed);
    expect(drawPanel({ ...input, auditHead: 'e'.repeat(64) }).draw.seed).not.toBe(drawPanel(input).draw.seed);
    expect(drawSeed(drawPanel(input).draw.seedInputs)).toBe(drawPanel(input).draw.seed);
  });

  it('R-PROC-5: a record whose pool or seed was altered does not replay', () => {
    const { draw } = drawPanel(input);
    expect(replayDraw({ ...draw, pool: [...draw.pool, 'zz'] })).toEqual({
      problem: 'the published pool does not match its digest',
    });
    expect(replayDraw({ ...draw, seed: '0'.repeat(64) })).toEqual({
      problem: 'the seed is not the hash of its inputs',
    });
    expect(poolDigest(['b', 'a'])).toBe(poolDigest(['a', 'b']));
  });

  it('R-PROC-3: a pool smaller than the panel is 422 naming size', () => {
    expect(() => drawPanel({ ...input, size: 9 })).toThrow(
      expect.objectContaining({
        code: 'refused',
        details: { field: 'size', rule: 'R-PROC-3' },
        message: expect.stringContaining('holds 7 active members with expertise 社会救助, fewer than 9'),
      }),
    );
  });

  it('R-PROC-5: every drawn panel is distinct active members of the pool, of the size asked', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 3, maxLength: 30 }),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.integer({ min: 1, max: 3 }),
        (subs, nonce, size) => {
          const { evaluatorIds, draw } = drawPanel({
            ...input,
            expertise: undefined,
            nonce,
            members: subs.map((s) => member(s)),
            size,
          } as Parameters<typeof drawPanel>[0]);
          expect(new Set(evaluatorIds).size).toBe(size);
          expect(evaluatorIds.every((e) => subs.includes(e))).toBe(true);
          expect(replayDraw(draw)).toEqual({ evaluatorIds });
        },
      ),
    );
  });

  it('R-PROC-5: over many seeds each member is drawn about as often as any other', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((s) => member(s));
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const nonce = i.toString(16).padStart(32, '0');
      const [first] = drawPanel({
        ...input,
        expertise: undefined,
        nonce,
        members: five,
        size: 1,
      } as Parameters<typeof drawPanel>[0]).evaluatorIds;
      counts.set(first!, (counts.get(first!) ?? 0) + 1);
    }
    // 400 expected each; 4.5 standard deviations (±81) either side.
    for (const m of five) expect(counts.get(m.sub)).toBeGreaterThan(319);
    for (const m of five) expect(counts.get(m.sub)).toBeLessThan(481);
  });

  it('R-PROC-5: a drawn panel is recorded with its draw even when it equals the current one; the history keeps the seed', () => {
    const { evaluatorIds, draw } = drawPanel(input);
    const current = published({ evaluatorIds });
    const pool = poolOf(...members);
    const next = assignPanel(current, evaluatorIds, { ...change(BEFORE), pool, draw });
    expect(next).not.toBe(current);
    expect(next.panel).toEqual({
      at: BEFORE,
      by: TOWN,
      method: 'drawn',
      evaluatorIds,
      afterDeadline: false,
      draw,
    });
    expect(next.panelHistory).toEqual([
      { at: BEFORE, by: TOWN, method: 'drawn', evaluatorIds, afterDeadline: false, seed: draw.seed },
    ]);
    expect(next.timeline.at(-1)?.note).toBe(
      `3 evaluators; drawn from 7 in the evaluator pool, seed ${draw.seed}`,
    );
  });

  it('R-PROC-3: a drawn panel stands: a purchaser cannot draw again (or name another) until it likes the panel; the bureau replaces it with a reason', () => {
    const pool = poolOf(...members);
    const first = drawPanel(input);
    const drawn = assignPanel(published(), first.evaluatorIds, { ...change(BEFORE), pool, draw: first.draw });
    const again = drawPanel({ ...input, nonce: 'another nonce' });

    // The town, before the deadline: neither a new draw nor a named panel.
    expect(() =>
      assignPanel(drawn, again.evaluatorIds, { ...change(BEFORE), pool, draw: again.draw }),
    ).toThrow(expect.objectContaining({ code: 'conflict', details: { rule: 'R-PROC-3' } }));
    expect(() => assignPanel(drawn, NEW_PANEL, { ...change(BEFORE), pool: POOL })).toThrow(
      expect.objectContaining({ code: 'conflict', details: { rule: 'R-PROC-3' } }),
    );
    // The bureau needs a reason, which is kept.
    expect(() => assignPanel(drawn, NEW_PANEL, { ...change(BEFORE, BUREAU), pool: POOL })).toThrow(
      expect.objectContaining({ code: 'invalid', details: { rule: 'R-PROC-3', field: 'reason' } }),
    );
    const replaced = assignPanel(drawn, NEW_PANEL, {
      ...change(BEFORE, BUREAU, '回避: 与投标人有利害关系'),
      pool: POOL,
    });
    expect(replaced.panel).toMatchObject({
      method: 'named',
      reason: '回避: 与投标人有利害关系',
      afterDeadline: false,
    });
  });
});
