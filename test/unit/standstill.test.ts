import { describe, expect, it } from 'vitest';
import { nextStatus } from '#shared/domain/project';
import type { Standstill } from '#shared/domain/standstill';
import type { DomainError } from '#shared/domain/errors';
import {
  answerChallenge,
  challengeAnswerOf,
  fileChallenge,
  standstillNext,
  standstillPeriod,
  withinStandstill,
} from '#shared/domain/standstill';

const BUREAU = { sub: 'u-bureau', role: 'bureau' };
const at = (iso: string) => new Date(iso);

describe('standstill period (R-PROC-5)', () => {
  it('R-PROC-5: 7 calendar days after a Friday notice ends the next Friday at 24:00 Shanghai', () => {
    expect(standstillPeriod(at('2025-03-07T15:00:00+08:00'))).toEqual({
      opensAt: '2025-03-07T15:00:00.000+08:00',
      lastDay: '2025-03-14',
      closesAt: '2025-03-15T00:00:00.000+08:00',
      movedToWorkingDay: false,
    });
  });

  it('R-PROC-5: an end on a weekend moves to Monday', () => {
    // Friday 2025-03-07 + 8 days = Saturday 2025-03-15 → Monday 2025-03-17.
    expect(standstillPeriod(at('2025-03-07T15:00:00+08:00'), { days: 8 })).toMatchObject({
      lastDay: '2025-03-17',
      closesAt: '2025-03-18T00:00:00.000+08:00',
      movedToWorkingDay: true,
    });
    // Saturday notice + 7 = Saturday.
    expect(standstillPeriod(at('2025-03-08T09:00:00+08:00')).lastDay).toBe('2025-03-17');
  });

  it('R-PROC-5: an end in the National Day holidays moves past them', () => {
    const holidays = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'];
    // Wednesday 2025-09-24 + 7 = Wednesday 2025-10-01 (holiday) → Thursday 2025-10-09.
    expect(standstillPeriod(at('2025-09-24T10:00:00+08:00'), { holidays })).toMatchObject({
      lastDay: '2025-10-09',
      movedToWorkingDay: true,
    });
  });

  it('R-PROC-5: the notice day is the Shanghai date, not the UTC one', () => {
    // 17:30 UTC on the 6th is 01:30 on Friday the 7th in Shanghai.
    expect(standstillPeriod(at('2025-03-06T17:30:00Z')).lastDay).toBe('2025-03-14');
  });

  it('R-PROC-5: working-day periods (政府采购法 第五十二条: 7 working days) are configurable', () => {
    expect(standstillPeriod(at('2025-03-07T15:00:00+08:00'), { unit: 'working_days' }).lastDay).toBe(
      '2025-03-18',
    );
  });

  it('R-PROC-5: the minute override (embedded stack, tests) replaces the period', () => {
    expect(standstillPeriod(at('2025-03-07T15:00:00+08:00'), { overrideMinutes: 5 })).toMatchObject({
      closesAt: '2025-03-07T15:05:00.000+08:00',
      movedToWorkingDay: false,
    });
  });

  it('R-PROC-5: refuses a period that is not a whole number of days ≥ 1', () => {
    expect(() => standstillPeriod(at('2025-03-07T15:00:00+08:00'), { days: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid' }),
    );
    expect(() => standstillPeriod(at('2025-03-07T15:00:00+08:00'), { days: 1.5 })).toThrow(/whole number/);
  });

  it('R-PROC-5: the window opens at the notice and closes at 24:00 of the last day', () => {
    const s = standstillPeriod(at('2025-03-07T15:00:00+08:00'));
    expect(withinStandstill(s, at('2025-03-07T14:59:59+08:00'))).toBe(false);
    expect(withinStandstill(s, at('2025-03-07T15:00:00+08:00'))).toBe(true);
    expect(withinStandstill(s, at('2025-03-14T23:59:59+08:00'))).toBe(true);
    expect(withinStandstill(s, at('2025-03-15T00:00:00+08:00'))).toBe(false);
  });
});

describe('challenges (R-PROC-5)', () => {
  const standstill: Standstill = standstillPeriod(at('2025-03-07T15:00:00+08:00'));
  const ctx = (over: Partial<Parameters<typeof fileChallenge>[1]> = {}) => ({
    id: 'chl-1',
    project: { id: 'prj-1', status: 'awarded' },
    bidderContractorIds: ['ctr-a', 'ctr-b'],
    standstill,
    at: at('2025-03-10T10:00:00+08:00'),
    ...over,
  });
  const file = () => fileChallenge({ contractorId: 'ctr-b', grounds: '评分畸高畸低' }, ctx());

  it('R-PROC-5: a bidder may challenge within the window', () => {
    expect(file()).toEqual({
      id: 'chl-1',
      projectId: 'prj-1',
      contractorId: 'ctr-b',
      round: 1,
      grounds: '评分畸高畸低',
      filedAt: '2025-03-10T10:00:00.000+08:00',
      status: 'open',
      version: 1,
    });
  });

  it('R-PROC-5: a challenge contests the award of the current scoring round', () => {
    const filed = fileChallenge(
      { contractorId: 'ctr-b', grounds: '理由' },
      ctx({ project: { id: 'prj-1', status: 'awarded', scoringRound: 2 } }),
    );
    expect(filed.round).toBe(2);
  });

  it('R-PROC-5: refuses non-bidders, late and early challenges, empty grounds, and projects not awarded', () => {
    const input = { contractorId: 'ctr-b', grounds: '理由' };
    expect(() => fileChallenge({ ...input, contractorId: 'ctr-x' }, ctx())).toThrow(
      expect.objectContaining({ code: 'refused', details: expect.objectContaining({ rule: 'R-PROC-5' }) }),
    );
    expect(() => fileChallenge(input, ctx({ at: at('2025-03-15T00:00:00+08:00') }))).toThrow(
      /admissible from/,
    );
    expect(() => fileChallenge(input, ctx({ at: at('2025-03-07T14:00:00+08:00') }))).toThrow(
      /admissible from/,
    );
    expect(() => fileChallenge({ ...input, grounds: '  ' }, ctx())).toThrow(
      expect.objectContaining({ code: 'invalid' }),
    );
    expect(() => fileChallenge(input, ctx({ project: { id: 'prj-1', status: 'contracted' } }))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('R-PROC-5: dismissed → the standstill continues', () => {
    const { challenge, next } = answerChallenge(
      file(),
      { outcome: 'dismissed', reply: '经复核，评分符合评审标准' },
      { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') },
    );
    expect(next).toEqual({ step: 'continue' });
    expect(challenge).toMatchObject({
      status: 'dismissed',
      answer: { outcome: 'dismissed', by: BUREAU, at: '2025-03-11T10:00:00.000+08:00' },
    });
  });

  it('R-PROC-5: sustained with rescore → back to scoring (awarded → bidding_closed)', () => {
    const { challenge, next } = answerChallenge(
      file(),
      { outcome: 'sustained', remedy: 'rescore', reply: '评分有误，重新评审' },
      { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') },
    );
    expect(challenge.status).toBe('sustained');
    expect(next).toEqual({ step: 'rescore', action: 'rescore' });
    expect(nextStatus('awarded', 'rescore')).toBe('bidding_closed');
  });

  it('R-PROC-5: sustained with cancel → cancelled with a public reason (R-SUP-3)', () => {
    const { next } = answerChallenge(
      file(),
      { outcome: 'sustained', remedy: 'cancel', reply: '质疑成立', publicReason: '采购文件存在歧视性条款' },
      { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') },
    );
    expect(next).toEqual({
      step: 'cancel',
      action: 'cancel',
      cancellation: { reason: 'challenge_sustained', note: '采购文件存在歧视性条款' },
    });
    expect(nextStatus('awarded', 'cancel')).toBe('cancelled');
    expect(() =>
      answerChallenge(
        file(),
        { outcome: 'sustained', remedy: 'cancel', reply: '质疑成立', publicReason: ' ' },
        { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') },
      ),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule: 'R-SUP-3' }) }));
  });

  it('R-PROC-5: an answer is the next version of the challenge', () => {
    const { challenge } = answerChallenge(
      file(),
      { outcome: 'dismissed', reply: '不成立' },
      { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') },
    );
    expect(challenge.version).toBe(2);
  });

  it('R-PROC-5: a challenge is answered once, in writing', () => {
    const when = { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') };
    const { challenge } = answerChallenge(file(), { outcome: 'dismissed', reply: '不成立' }, when);
    expect(() => answerChallenge(challenge, { outcome: 'dismissed', reply: '不成立' }, when)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => answerChallenge(file(), { outcome: 'dismissed', reply: '' }, when)).toThrow(/in writing/);
  });

  it('R-PROC-5, R-SUP-3: an answer names a remedy only when sustained, a public reason only for a cancellation', () => {
    const fieldOf = (input: Parameters<typeof challengeAnswerOf>[0]) => {
      try {
        challengeAnswerOf(input);
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid' });
        return (error as DomainError).details.field;
      }
      return undefined;
    };
    expect(fieldOf({ outcome: 'dismissed', remedy: 'rescore', reply: '不成立' })).toBe('remedy');
    expect(fieldOf({ outcome: 'dismissed', reply: '不成立', publicReason: '理由' })).toBe('publicReason');
    expect(fieldOf({ outcome: 'sustained', reply: '成立' })).toBe('remedy');
    expect(fieldOf({ outcome: 'sustained', remedy: 'rescore', reply: '成立', publicReason: '理由' })).toBe(
      'publicReason',
    );
    expect(fieldOf({ outcome: 'sustained', remedy: 'cancel', reply: '成立' })).toBe('publicReason');
    expect(fieldOf({ outcome: 'sustained', remedy: 'cancel', reply: '成立', publicReason: ' ' })).toBe(
      'publicReason',
    );
    expect(challengeAnswerOf({ outcome: 'dismissed', reply: '不成立' })).toEqual({
      outcome: 'dismissed',
      reply: '不成立',
    });
    expect(
      challengeAnswerOf({ outcome: 'sustained', remedy: 'cancel', reply: '成立', publicReason: '条款歧视' }),
    ).toEqual({ outcome: 'sustained', remedy: 'cancel', reply: '成立', publicReason: '条款歧视' });
  });

  it('R-PROC-5: the contract waits for the window to close and every challenge to be answered', () => {
    const open = file();
    const { challenge: answered } = answerChallenge(
      open,
      { outcome: 'dismissed', reply: '不成立' },
      { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') },
    );
    expect(standstillNext(standstill, [], 1, at('2025-03-14T23:59:59+08:00'))).toBe('running');
    expect(standstillNext(standstill, [open], 1, at('2025-03-14T23:59:59+08:00'))).toBe('running');
    expect(standstillNext(standstill, [open], 1, at('2025-03-16T10:00:00+08:00'))).toBe('challenges');
    expect(standstillNext(standstill, [answered], 1, at('2025-03-15T00:00:00+08:00'))).toBe('contract');
    // A challenge of an award a rescore withdrew (round 1) holds nothing in round 2.
    expect(standstillNext(standstill, [open], 2, at('2025-03-15T00:00:00+08:00'))).toBe('contract');
  });
});

/** The refusal a call throws: code, field, rule and message, as problem+json carries them. */
function refusalOf(call: () => unknown) {
  try {
    call();
  } catch (error) {
    const e = error as DomainError;
    return { code: e.code, field: e.details?.field, rule: e.details?.rule, message: e.message };
  }
  throw new Error('it was accepted');
}

describe('what a refusal names (R-PROC-5, R-SUP-3)', () => {
  const standstill: Standstill = standstillPeriod(at('2025-03-07T15:00:00+08:00'));
  const ctx = (over: Partial<Parameters<typeof fileChallenge>[1]> = {}) => ({
    id: 'chl-1',
    project: { id: 'prj-1', status: 'awarded' },
    bidderContractorIds: ['ctr-a', 'ctr-b'],
    standstill,
    at: at('2025-03-10T10:00:00+08:00'),
    ...over,
  });
  const input = { contractorId: 'ctr-b', grounds: '评分畸高畸低' };
  const when = { by: BUREAU, at: at('2025-03-11T10:00:00+08:00') };

  it('R-PROC-5: a period that is not a whole number of days names the days field', () => {
    expect(refusalOf(() => standstillPeriod(at('2025-03-07T15:00:00+08:00'), { days: 0 }))).toMatchObject({
      code: 'invalid',
      field: 'days',
      rule: 'R-PROC-5',
    });
  });

  it('R-PROC-1: a challenge of a project that is not awarded says the project’s status', () => {
    expect(
      refusalOf(() => fileChallenge(input, ctx({ project: { id: 'prj-1', status: 'contracted' } }))),
    ).toMatchObject({
      code: 'conflict',
      rule: 'R-PROC-1',
      message: 'a contracted project is not in its standstill period',
    });
  });

  it('R-PROC-5: an awarded project without a standstill is a broken record (a server fault), not a refusal of the bidder', () => {
    const call = () => fileChallenge({ ...input, contractorId: 'ctr-x' }, ctx({ standstill: undefined }));
    expect(call).toThrow('awarded project prj-1 has no standstill');
  });

  it('R-PROC-5: a non-bidder is refused on contractorId, a challenge out of the window on filedAt, empty grounds on grounds', () => {
    expect(refusalOf(() => fileChallenge({ ...input, contractorId: 'ctr-x' }, ctx()))).toEqual({
      code: 'refused',
      field: 'contractorId',
      rule: 'R-PROC-5',
      message: 'contractorId: only a bidder of this project may challenge its award',
    });
    expect(refusalOf(() => fileChallenge(input, ctx({ at: at('2025-03-15T00:00:00+08:00') })))).toMatchObject(
      { code: 'refused', field: 'filedAt', rule: 'R-PROC-5' },
    );
    expect(refusalOf(() => fileChallenge({ ...input, grounds: ' \n' }, ctx()))).toEqual({
      code: 'invalid',
      field: 'grounds',
      rule: 'R-PROC-5',
      message: 'grounds: a challenge states its grounds in writing',
    });
  });

  it('R-PROC-5, R-SUP-3: an answer’s remedy is refused under R-PROC-5, its public reason under R-SUP-3, each saying why', () => {
    expect(
      refusalOf(() => challengeAnswerOf({ outcome: 'dismissed', remedy: 'rescore', reply: '不成立' })),
    ).toEqual({
      code: 'invalid',
      field: 'remedy',
      rule: 'R-PROC-5',
      message: 'remedy: a dismissed challenge has no remedy',
    });
    const onlyCancellation = {
      code: 'invalid',
      field: 'publicReason',
      rule: 'R-SUP-3',
      message: 'publicReason: only a cancellation carries a public reason',
    };
    expect(
      refusalOf(() => challengeAnswerOf({ outcome: 'dismissed', reply: '不成立', publicReason: '理由' })),
    ).toEqual(onlyCancellation);
    expect(
      refusalOf(() =>
        challengeAnswerOf({ outcome: 'sustained', remedy: 'rescore', reply: '成立', publicReason: '理由' }),
      ),
    ).toEqual(onlyCancellation);
    expect(refusalOf(() => challengeAnswerOf({ outcome: 'sustained', reply: '成立' }))).toEqual({
      code: 'invalid',
      field: 'remedy',
      rule: 'R-PROC-5',
      message: 'remedy: a sustained challenge names its remedy: rescore or cancel',
    });
    expect(
      refusalOf(() => challengeAnswerOf({ outcome: 'sustained', remedy: 'cancel', reply: '成立' })),
    ).toEqual({
      code: 'invalid',
      field: 'publicReason',
      rule: 'R-SUP-3',
      message: 'publicReason: a cancellation is published with its reason',
    });
  });

  it('R-PROC-5: a blank reply is no written answer; an answered challenge says how it was answered', () => {
    const open = fileChallenge(input, ctx());
    expect(refusalOf(() => answerChallenge(open, { outcome: 'dismissed', reply: ' \t ' }, when))).toEqual({
      code: 'invalid',
      field: 'reply',
      rule: 'R-PROC-5',
      message: 'reply: a challenge is answered in writing',
    });
    const { challenge } = answerChallenge(open, { outcome: 'dismissed', reply: '不成立' }, when);
    expect(
      refusalOf(() => answerChallenge(challenge, { outcome: 'dismissed', reply: '不成立' }, when)),
    ).toEqual({
      code: 'conflict',
      field: undefined,
      rule: 'R-PROC-5',
      message: 'challenge chl-1 was already answered (dismissed)',
    });
  });

  it('R-SUP-3: a cancellation with a blank public reason is refused on publicReason; a valid one records the sustained outcome', () => {
    const open = fileChallenge(input, ctx());
    expect(
      refusalOf(() =>
        answerChallenge(
          open,
          { outcome: 'sustained', remedy: 'cancel', reply: '成立', publicReason: ' ' },
          when,
        ),
      ),
    ).toEqual({
      code: 'invalid',
      field: 'publicReason',
      rule: 'R-SUP-3',
      message: 'publicReason: a cancellation is published with its reason',
    });
    const { challenge } = answerChallenge(
      open,
      { outcome: 'sustained', remedy: 'cancel', reply: '质疑成立', publicReason: '采购文件存在歧视性条款' },
      when,
    );
    expect(challenge).toMatchObject({
      status: 'sustained',
      version: 2,
      answer: {
        outcome: 'sustained',
        remedy: 'cancel',
        reply: '质疑成立',
        publicReason: '采购文件存在歧视性条款',
        by: BUREAU,
        at: '2025-03-11T10:00:00.000+08:00',
      },
    });
  });
});
