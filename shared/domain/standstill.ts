/**
 * The standstill period after the award notice (质疑期) and the challenges (质疑) bidders may file in it
 * (R-PROC-1, R-PROC-5). Pure: the workflow waits on `closesAt`, the use cases store challenges.
 *
 * Note: 政府采购法 第五十二条 gives suppliers 7 *working* days to challenge; the default is 7 calendar
 * days, so `unit` is configurable and defaults to calendar days as specified.
 */
import type { Actor } from './audit-chain';
import { businessDate, isoWithOffset } from './clock';
import { DomainError } from './errors';
import type { CancellationReason, ProjectAction } from './project';
import type { PeriodUnit } from './procurement-rules';
import { addCalendarDays, addWorkingDays, isWorkingDay } from './procurement-rules';

export interface StandstillRules {
  /** Default 7. */
  days?: number;
  /** Default calendar days. */
  unit?: PeriodUnit;
  /** Public holidays (YYYY-MM-DD), as in ProcurementRules. */
  holidays?: readonly string[];
  /** Embedded stack and tests only (MINIMUM_PERIOD_MINUTES_OVERRIDE): the period is this many minutes. */
  overrideMinutes?: number;
}

export const DEFAULT_STANDSTILL_DAYS = 7;

export interface Standstill {
  /** The award notice time, ISO with +08:00. */
  opensAt: string;
  /** The last Shanghai calendar day on which a challenge is admissible. */
  lastDay: string;
  /** The first instant after the window (exclusive): 00:00 Asia/Shanghai of the day after `lastDay`. */
  closesAt: string;
  /** True when the end fell on a weekend or holiday and moved to the next working day. */
  movedToWorkingDay: boolean;
}

/**
 * R-PROC-5: the standstill ends N days after the award notice. The notice day is not counted (民法典 第二百零一条);
 * the window lasts to 24:00 of its last day (民法典 第二百零三条), and a last day on a weekend or holiday
 * moves to the next working day.
 */
export function standstillPeriod(noticeAt: Date, rules: StandstillRules = {}): Standstill {
  const opensAt = isoWithOffset(noticeAt);
  if (rules.overrideMinutes !== undefined) {
    const closes = new Date(noticeAt.getTime() + rules.overrideMinutes * 60_000);
    return {
      opensAt,
      lastDay: businessDate(closes),
      closesAt: isoWithOffset(closes),
      movedToWorkingDay: false,
    };
  }
  const days = rules.days ?? DEFAULT_STANDSTILL_DAYS;
  if (!Number.isInteger(days) || days < 1) {
    throw new DomainError('invalid', `days: a standstill lasts a whole number of days ≥ 1, not ${days}`, {
      field: 'days',
      rule: 'R-PROC-5',
    });
  }
  const holidays = rules.holidays ?? [];
  const noticeDay = businessDate(noticeAt);
  let lastDay =
    (rules.unit ?? 'calendar_days') === 'working_days'
      ? addWorkingDays(noticeDay, days, holidays)
      : addCalendarDays(noticeDay, days);
  const nominal = lastDay;
  while (!isWorkingDay(lastDay, holidays)) lastDay = addCalendarDays(lastDay, 1);
  const closesAt = isoWithOffset(new Date(`${addCalendarDays(lastDay, 1)}T00:00:00+08:00`));
  return { opensAt, lastDay, closesAt, movedToWorkingDay: lastDay !== nominal };
}

/** Whether `at` lies inside the window: from the notice (inclusive) up to `closesAt` (exclusive). */
export const withinStandstill = (standstill: Standstill, at: Date): boolean =>
  at.getTime() >= Date.parse(standstill.opensAt) && at.getTime() < Date.parse(standstill.closesAt);

// ---- challenges (质疑) ----

export type ChallengeStatus = 'open' | 'dismissed' | 'sustained';
export type SustainedRemedy = 'rescore' | 'cancel';

export interface Challenge {
  id: string;
  projectId: string;
  contractorId: string;
  /** The scoring round whose award it contests (a rescore starts the next round). */
  round: number;
  grounds: string;
  filedAt: string;
  status: ChallengeStatus;
  answer?: {
    outcome: 'dismissed' | 'sustained';
    remedy?: SustainedRemedy;
    reply: string;
    /** For a cancellation: the public reason (R-SUP-3). */
    publicReason?: string;
    by: Actor;
    at: string;
  };
  version: number;
}

const refused = (field: string, message: string) =>
  new DomainError('refused', `${field}: ${message}`, { field, rule: 'R-PROC-5' });

/**
 * R-PROC-5: a challenge is admissible only while the project is awarded, from a contractor that bid on this
 * project, inside the standstill window, with written grounds.
 */
export function fileChallenge(
  input: { contractorId: string; grounds: string },
  ctx: {
    id: string;
    project: { id: string; status: string; scoringRound?: number };
    bidderContractorIds: readonly string[];
    /** The award's window; an awarded project always has one. */
    standstill: Standstill | undefined;
    at: Date;
  },
): Challenge {
  if (ctx.project.status !== 'awarded') {
    throw new DomainError('conflict', `a ${ctx.project.status} project is not in its standstill period`, {
      rule: 'R-PROC-1',
    });
  }
  if (!ctx.standstill) throw new Error(`awarded project ${ctx.project.id} has no standstill`);
  if (!ctx.bidderContractorIds.includes(input.contractorId)) {
    throw refused('contractorId', 'only a bidder of this project may challenge its award');
  }
  if (!withinStandstill(ctx.standstill, ctx.at)) {
    throw refused(
      'filedAt',
      `challenges are admissible from ${ctx.standstill.opensAt} until ${ctx.standstill.closesAt} (exclusive)`,
    );
  }
  if (input.grounds.trim().length === 0) {
    throw new DomainError('invalid', 'grounds: a challenge states its grounds in writing', {
      field: 'grounds',
      rule: 'R-PROC-5',
    });
  }
  return {
    id: ctx.id,
    projectId: ctx.project.id,
    contractorId: input.contractorId,
    round: ctx.project.scoringRound ?? 1,
    grounds: input.grounds,
    filedAt: isoWithOffset(ctx.at),
    status: 'open',
    version: 1,
  };
}

export type ChallengeAnswer =
  | { outcome: 'dismissed'; reply: string }
  | { outcome: 'sustained'; remedy: 'rescore'; reply: string }
  | { outcome: 'sustained'; remedy: 'cancel'; reply: string; publicReason: string };

/** The answer as a request states it, every field optional but the outcome and the reply. */
export interface AnswerInput {
  outcome: 'dismissed' | 'sustained';
  remedy?: SustainedRemedy | undefined;
  reply: string;
  publicReason?: string | undefined;
}

const invalid = (field: string, message: string, rule = 'R-PROC-5') =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule });

/**
 * R-PROC-5, R-SUP-3: a dismissal has no remedy; a sustained challenge names one (rescore or cancel); only a
 * cancellation carries, and must carry, the public reason.
 */
export function challengeAnswerOf(input: AnswerInput): ChallengeAnswer {
  const { outcome, remedy, reply, publicReason } = input;
  if (outcome === 'dismissed') {
    if (remedy !== undefined) throw invalid('remedy', 'a dismissed challenge has no remedy');
    if (publicReason !== undefined) {
      throw invalid('publicReason', 'only a cancellation carries a public reason', 'R-SUP-3');
    }
    return { outcome, reply };
  }
  if (remedy === undefined) {
    throw invalid('remedy', 'a sustained challenge names its remedy: rescore or cancel');
  }
  if (remedy === 'rescore') {
    if (publicReason !== undefined) {
      throw invalid('publicReason', 'only a cancellation carries a public reason', 'R-SUP-3');
    }
    return { outcome, remedy, reply };
  }
  if (publicReason === undefined || publicReason.trim().length === 0) {
    throw invalid('publicReason', 'a cancellation is published with its reason', 'R-SUP-3');
  }
  return { outcome, remedy, reply, publicReason };
}

/** What the workflow does next. `action` is the project move (project.ts TRANSITIONS) to apply, if any. */
export type NextStep =
  | { step: 'continue' }
  | { step: 'rescore'; action: Extract<ProjectAction, 'rescore'> }
  | {
      step: 'cancel';
      action: Extract<ProjectAction, 'cancel'>;
      cancellation: { reason: Extract<CancellationReason, 'challenge_sustained'>; note: string };
    };

/**
 * R-PROC-5: the bureau answers a challenge once. Dismissed → the standstill continues; sustained with
 * `rescore` → back to scoring; sustained with `cancel` → the project is cancelled with a public reason.
 */
export function answerChallenge(
  challenge: Challenge,
  answer: ChallengeAnswer,
  ctx: { by: Actor; at: Date },
): { challenge: Challenge; next: NextStep } {
  if (challenge.status !== 'open') {
    throw new DomainError(
      'conflict',
      `challenge ${challenge.id} was already answered (${challenge.status})`,
      {
        rule: 'R-PROC-5',
      },
    );
  }
  if (answer.reply.trim().length === 0) throw invalid('reply', 'a challenge is answered in writing');
  const at = isoWithOffset(ctx.at);
  const answered = (status: ChallengeStatus, recorded: NonNullable<Challenge['answer']>): Challenge => ({
    ...challenge,
    status,
    answer: recorded,
    version: challenge.version + 1,
  });
  if (answer.outcome === 'dismissed') {
    return {
      challenge: answered('dismissed', { outcome: 'dismissed', reply: answer.reply, by: ctx.by, at }),
      next: { step: 'continue' },
    };
  }
  if (answer.remedy === 'rescore') {
    return {
      challenge: answered('sustained', {
        outcome: 'sustained',
        remedy: 'rescore',
        reply: answer.reply,
        by: ctx.by,
        at,
      }),
      next: { step: 'rescore', action: 'rescore' },
    };
  }
  if (answer.publicReason.trim().length === 0) {
    throw invalid('publicReason', 'a cancellation is published with its reason', 'R-SUP-3');
  }
  return {
    challenge: answered('sustained', {
      outcome: 'sustained',
      remedy: 'cancel',
      reply: answer.reply,
      publicReason: answer.publicReason,
      by: ctx.by,
      at,
    }),
    next: {
      step: 'cancel',
      action: 'cancel',
      cancellation: { reason: 'challenge_sustained', note: answer.publicReason },
    },
  };
}

/**
 * R-PROC-5: a challenge holds the award of `round` while it is open and contests that round. A challenge stored
 * before rounds were recorded (no `round`) contests the first award.
 */
export function contestsAward(
  challenge: { status: ChallengeStatus; round?: number | undefined },
  round: number,
): boolean {
  return challenge.status === 'open' && (challenge.round ?? 1) === round;
}

/** Where the workflow goes at the end of the standstill (CheckStandstill, shared/use-cases/procurement-tasks.ts). */
export type StandstillNext = 'running' | 'challenges' | 'contract';

/**
 * R-PROC-5: the workflow may go on to the contract once the window has closed (at closesAt itself, not a
 * moment later) and no challenge of the award in force (this scoring round) is open; an open one holds the
 * contract until it is answered. A challenge left open against an award a rescore withdrew holds nothing.
 */
export function standstillNext(
  standstill: Standstill,
  challenges: readonly { status: ChallengeStatus; round?: number | undefined }[],
  round: number,
  now: Date,
): StandstillNext {
  if (now.getTime() < Date.parse(standstill.closesAt)) return 'running';
  return challenges.some((c) => contestsAward(c, round)) ? 'challenges' : 'contract';
}
