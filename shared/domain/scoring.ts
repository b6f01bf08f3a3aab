/**
 * Scoring a project (R-PROC-3, R-PROC-5, R-PROC-6, R-QUAL-4): the evaluation panel, the evaluators' score
 * sheets, the ranking stored on the project and the documented draw. Pure: the use cases load the project,
 * its bids and sheets, and commit what these return. The arithmetic itself is evaluation.ts.
 */
import type { Actor } from './audit-chain';
import { DomainError } from './errors';
import type { Bid, EvaluatorScore, Ranking } from './evaluation';
import { allScoresIn, applyDraw, checkScores, rankBids, scoredCriteria, toFixed } from './evaluation';
import type { BidRecord, ScoreSheet } from './procurement-records';
import type { ProcurementMethod } from './procurement-rules';
import { METHOD_NAME_ZH } from './procurement-rules';
import type { PanelDraw, PoolMember } from './evaluator-pool';
import { checkPoolMembers } from './evaluator-pool';
import type { EvaluationCriteria, PanelChange, Project, ProjectEvaluation, ProjectStatus } from './project';
import { MAX_TIMELINE_ENTRIES } from './project';

// ---- the panel (R-PROC-3) ----

/**
 * Smallest panel per method, always an odd number of members: 评标委员会 5 人以上单数 for tenders
 * (政府采购货物和服务招标投标管理办法 第四十七条), 磋商小组 / 谈判小组 3 人以上单数 (财库〔2014〕214号 第十四条,
 * 政府采购非招标采购方式管理办法 第七条), and the same for a single-source negotiation group.
 */
export const MINIMUM_PANEL: Record<ProcurementMethod, number> = {
  open_tender: 5,
  invited_tender: 5,
  competitive_consultation: 3,
  competitive_negotiation: 3,
  single_source: 3,
};

/** The panel may change only before its members start scoring (an approved, published or closed project). */
export const PANEL_STATUSES: readonly ProjectStatus[] = ['approved', 'published', 'bidding_closed'];

/**
 * The largest panel: a panel change is one transaction of at most 100 items (project, audit entry, and per
 * member an assignment row, the removal of a dropped one, the old member's no-sheet check and the new member's
 * pool check: 2 + 4 × 21 = 86).
 */
export const MAX_PANEL = 21;

const panelRefused = (message: string) =>
  new DomainError('refused', `evaluatorIds: ${message}`, { field: 'evaluatorIds', rule: 'R-PROC-3' });

/** R-PROC-3: distinct evaluators (JWT subjects), an odd number, at least the method's minimum. */
export function checkEvaluatorPanel(method: ProcurementMethod, evaluatorIds: readonly string[]): void {
  const repeated = evaluatorIds.find((id, i) => evaluatorIds.indexOf(id) !== i);
  if (repeated !== undefined) throw panelRefused(`${repeated} is named twice`);
  const minimum = MINIMUM_PANEL[method];
  if (evaluatorIds.length < minimum) {
    throw panelRefused(
      `${METHOD_NAME_ZH[method]} needs at least ${minimum} evaluators, not ${evaluatorIds.length}`,
    );
  }
  if (evaluatorIds.length > MAX_PANEL) {
    throw panelRefused(`a panel has at most ${MAX_PANEL} members, not ${evaluatorIds.length}`);
  }
  if (evaluatorIds.length % 2 === 0) {
    throw panelRefused(`the panel has an odd number of members, not ${evaluatorIds.length}`);
  }
}

/** R-PROC-3: the size of a panel to draw, by the same rules as a named panel (422 naming `size`). */
export function checkPanelSize(method: ProcurementMethod, size: number): void {
  try {
    checkEvaluatorPanel(
      method,
      Array.from({ length: size }, (_, i) => String(i)),
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError('refused', error.message.replace(/^evaluatorIds: /, 'size: '), {
      field: 'size',
      rule: 'R-PROC-3',
    });
  }
}

/** The round being scored now: set to 1 when bidding closes, +1 per rescore. */
export const currentRound = (project: Pick<Project, 'scoringRound'>): number => project.scoringRound ?? 1;

/**
 * R-PROC-5: the panel is frozen from the bid deadline on. The clock decides, not the status alone: the workflow
 * closes bidding at the deadline, and a change at the deadline + 1 s, before CloseBidding has run, is already
 * after it. A closed project (a rescore's too) is past its deadline whatever the clock says.
 */
export function panelFrozen(project: Pick<Project, 'status' | 'tender'>, now: string): boolean {
  if (project.status === 'bidding_closed') return true;
  return project.tender !== undefined && Date.parse(now) >= Date.parse(project.tender.bidDeadline);
}

/**
 * R-PROC-1, R-PROC-3, R-PROC-5: whether the panel of this project may change now, by this actor: its status,
 * the freeze at the bid deadline (only the bureau, with a reason) and the round's sheets. Returns whether the
 * panel is frozen (the change is after the deadline).
 */
export function checkPanelChange(
  project: Project,
  ctx: { sheetsInRound: number; actor: Actor; now: string; reason?: string },
): boolean {
  if (!PANEL_STATUSES.includes(project.status)) {
    throw new DomainError('conflict', `the panel of a ${project.status} project can no longer change`, {
      rule: 'R-PROC-1',
    });
  }
  const frozen = panelFrozen(project, ctx.now);
  // A drawn panel stands (review of issue 11 §1): its seed is the system's own, so a purchaser free to draw again
  // could draw until it liked the panel. Replacing it, by a new draw or a named panel, is the bureau's, with a reason,
  // as after the deadline.
  if (
    !frozen &&
    project.panel?.method === 'drawn' &&
    (ctx.actor.role !== 'bureau' || ctx.reason === undefined)
  ) {
    throw new DomainError(
      ctx.actor.role === 'bureau' ? 'invalid' : 'conflict',
      ctx.actor.role === 'bureau'
        ? 'reason: the panel was drawn by the system; replacing it states why'
        : 'the panel was drawn by the system: only the bureau may replace it, with a reason',
      { rule: 'R-PROC-3', ...(ctx.actor.role === 'bureau' ? { field: 'reason' } : {}) },
    );
  }
  if (frozen && ctx.actor.role !== 'bureau') {
    throw new DomainError(
      'conflict',
      `the panel is frozen since the bid deadline ${project.tender?.bidDeadline ?? ''}: only the bureau may change it, with a reason`,
      { rule: 'R-PROC-5' },
    );
  }
  if (frozen && ctx.reason === undefined) {
    throw new DomainError(
      'invalid',
      `reason: the panel is frozen since the bid deadline ${project.tender?.bidDeadline ?? ''}; changing it states why`,
      { field: 'reason', rule: 'R-PROC-5' },
    );
  }
  if (ctx.sheetsInRound > 0) {
    throw new DomainError(
      'conflict',
      `scoring of round ${currentRound(project)} has started; the panel can no longer change`,
      { rule: 'R-PROC-3' },
    );
  }
  return frozen;
}

/**
 * R-PROC-3, R-PROC-5: replaces the panel of a project. Before the bid deadline the purchaser (the bureau or the
 * project's town) sets it; from the deadline on only the bureau, with a `reason` kept on the panel history and
 * in the audit entry. Refused once a sheet of the current round exists (`sheetsInRound`): evaluators are not
 * swapped while scoring. Every member is an active member of the evaluator pool (`pool`: what the pool holds
 * for the named ids, or the whole pool for a draw). A named panel equal to the current one returns the project
 * unchanged; a draw is always recorded.
 */
export function assignPanel(
  project: Project,
  evaluatorIds: readonly string[],
  ctx: {
    sheetsInRound: number;
    actor: Actor;
    now: string;
    pool: ReadonlyMap<string, PoolMember>;
    reason?: string;
    draw?: PanelDraw;
  },
): Project {
  const frozen = checkPanelChange(project, ctx);
  checkEvaluatorPanel(project.procurementMethod, evaluatorIds);
  checkPoolMembers(evaluatorIds, ctx.pool);
  const current = project.evaluatorIds ?? [];
  const same = current.length === evaluatorIds.length && current.every((id, i) => id === evaluatorIds[i]);
  if (same && !ctx.draw) return project;
  if (project.timeline.length >= MAX_TIMELINE_ENTRIES) {
    throw new DomainError('conflict', `this project has ${project.timeline.length} timeline entries already`);
  }
  const change: PanelChange = {
    at: ctx.now,
    by: ctx.actor,
    method: ctx.draw ? 'drawn' : 'named',
    evaluatorIds: [...evaluatorIds],
    afterDeadline: frozen,
    ...(ctx.reason !== undefined ? { reason: ctx.reason } : {}),
    ...(ctx.draw ? { draw: ctx.draw } : {}),
  };
  const { draw, ...kept } = change;
  const notes = [
    `${evaluatorIds.length} evaluators`,
    ...(draw ? [`drawn from ${draw.pool.length} in the evaluator pool, seed ${draw.seed}`] : []),
    ...(frozen ? [`after the bid deadline: ${ctx.reason ?? ''}`] : []),
  ];
  return {
    ...project,
    evaluatorIds: [...evaluatorIds],
    panel: change,
    panelHistory: [...(project.panelHistory ?? []), { ...kept, ...(draw ? { seed: draw.seed } : {}) }],
    timeline: [
      ...project.timeline,
      {
        at: ctx.now,
        status: project.status,
        event: 'evaluators_assigned',
        by: ctx.actor,
        note: notes.join('; '),
      },
    ],
    version: project.version + 1,
    updatedAt: ctx.now,
  };
}

// ---- score sheets (R-PROC-3, R-PROC-6) ----

/** The quality criterion scored from the evaluation record (R-PROC-6), if the project has one. */
export const pastPerformanceCode = (criteria: EvaluationCriteria): string | undefined =>
  criteria.quality.find((c) => c.pastPerformance)?.code;

/** A bid as the ranking sees it. */
export const asBid = (b: BidRecord): Bid => ({
  id: b.id,
  contractorId: b.contractorId,
  price: b.price,
  ...(b.disqualified ? { disqualified: { reason: b.disqualified.reason } } : {}),
});

/**
 * The scores of the round's sheets. A bid disqualified after a sheet was written is not scored
 * (its scores are dropped, not counted), as evaluation.ts treats disqualified bids.
 */
function scoresOf(
  sheets: readonly ScoreSheet[],
  round: number,
  bids: readonly BidRecord[],
): EvaluatorScore[] {
  const valid = new Set(bids.filter((b) => !b.disqualified).map((b) => b.id));
  return sheets
    .filter((sheet) => sheet.round === round)
    .flatMap((sheet) =>
      sheet.scores.filter((s) => valid.has(s.bidId)).map((s) => ({ ...s, evaluatorId: sheet.evaluatorId })),
    );
}

/** R-PROC-3: every assigned evaluator has scored every valid bid on every scored criterion this round. */
export function scoringComplete(
  project: Project,
  bids: readonly BidRecord[],
  sheets: readonly ScoreSheet[],
): boolean {
  return allScoresIn(
    project.evaluatorIds ?? [],
    bids.map(asBid),
    project.evaluationCriteria,
    scoresOf(sheets, currentRound(project), bids),
    pastPerformanceCode(project.evaluationCriteria),
  );
}

export interface ScoreInput {
  bidId: string;
  criterionCode: string;
  score: number;
}

const sameScores = (a: readonly ScoreInput[], b: readonly ScoreInput[]) => {
  const key = (s: ScoreInput) => JSON.stringify([s.bidId, s.criterionCode, s.score]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
};

export type SheetOutcome =
  | { outcome: 'written'; sheet: ScoreSheet; previous?: ScoreSheet }
  /** The round is complete and this evaluator sent its stored sheet again: nothing to write. */
  | { outcome: 'unchanged'; sheet: ScoreSheet };

/**
 * R-PROC-3: one evaluator's whole sheet for the current round: every valid bid on every criterion the
 * evaluators score (R-PROC-6: not the past-performance one), each 0–100 with at most one decimal. Only
 * while bidding is closed; replaceable until the round is complete. The caller has checked that the
 * evaluator is on the panel (else the project is "not found" to it).
 */
export function scoreSheet(
  project: Project,
  bids: readonly BidRecord[],
  sheets: readonly ScoreSheet[],
  input: { evaluatorId: string; scores: readonly ScoreInput[]; now: string },
): SheetOutcome {
  if (project.status !== 'bidding_closed') {
    const detail =
      project.status === 'published' && project.tender
        ? `bids are sealed until ${project.tender.bidDeadline}; scoring starts when bidding closes`
        : `a ${project.status} project takes no scores`;
    throw new DomainError('conflict', detail, { rule: 'R-PROC-1' });
  }
  const round = currentRound(project);
  const criteria = project.evaluationCriteria;
  const past = pastPerformanceCode(criteria);
  const valid = bids.filter((b) => !b.disqualified);
  if (valid.length === 0) {
    throw new DomainError('conflict', 'no valid bid to score', { rule: 'R-PROC-3' });
  }
  const previous = sheets.find((s) => s.round === round && s.evaluatorId === input.evaluatorId);
  if (scoringComplete(project, bids, sheets)) {
    if (previous && sameScores(previous.scores, input.scores)) {
      return { outcome: 'unchanged', sheet: previous };
    }
    throw new DomainError('conflict', `scoring of round ${round} is complete; sheets can no longer change`, {
      rule: 'R-PROC-3',
    });
  }
  const scores = input.scores.map((s) => ({ ...s, evaluatorId: input.evaluatorId }));
  checkScores(project.evaluatorIds ?? [], bids.map(asBid), criteria, scores, past);
  for (const bid of valid) {
    for (const c of scoredCriteria(criteria, past)) {
      if (!input.scores.some((s) => s.bidId === bid.id && s.criterionCode === c.code)) {
        throw new DomainError(
          'invalid',
          `scores: a sheet scores every valid bid on every criterion; ${c.code} of bid ${bid.id} is missing`,
          { field: 'scores', rule: 'R-PROC-3' },
        );
      }
    }
  }
  const sheet: ScoreSheet = {
    projectId: project.id,
    round,
    evaluatorId: input.evaluatorId,
    scores: input.scores.map((s) => ({ bidId: s.bidId, criterionCode: s.criterionCode, score: s.score })),
    submittedAt: input.now,
    version: (previous?.version ?? 0) + 1,
  };
  return { outcome: 'written', sheet, ...(previous ? { previous } : {}) };
}

/** Staff read the sheets only once the round is decided, so evaluators score independently (R-PROC-3). */
export const SHEETS_SEALED_WHILE: readonly ProjectStatus[] = [
  'draft',
  'submitted',
  'approved',
  'published',
  'bidding_closed',
];

// ---- the ranking stored on the project (R-PROC-3, R-QUAL-4, R-PROC-6) ----

/** The stored summary of a ranking: exact figures shown to 2 decimals (half up). */
export function evaluationSummary(ranking: Ranking, round: number, evaluatedAt: string): ProjectEvaluation {
  return {
    round,
    evaluatedAt,
    ranked: ranking.ranked.map((r) => ({
      rank: r.rank,
      bidId: r.bidId,
      contractorId: r.contractorId,
      price: r.price,
      nonProfitSocialOrganization: r.nonProfitSocialOrganization,
      quality: r.display.quality,
      priceScore: r.display.price,
      total: r.display.total,
      criteria: r.criteria.map((c) => ({
        code: c.code,
        source: c.source,
        score: toFixed(c.score),
      })),
      drawRequired: r.drawRequired,
    })),
    disqualified: ranking.disqualified,
    tieBreaks: ranking.tieBreaks.map((t) => ({ ...t })),
    ...(ranking.winner ? { winner: ranking.winner } : {}),
    drawRequired: ranking.drawRequired,
  };
}

/**
 * R-PROC-3, R-QUAL-4, R-PROC-6: ranks the current round. Weighted quality plus price by the low-price
 * baseline; equal totals go to the non-profit social organization, then to the higher quality score, else a
 * draw is flagged (R-PROC-5). A past-performance criterion scores every bid the neutral 50: there is no record of
 * evaluations yet (R-PROC-6, see NEUTRAL_PAST_PERFORMANCE_SCORE in evaluation.ts).
 *
 * Returns `undefined` when no bid is valid: the project is unsuccessful (政府采购法 第三十六条), nothing to rank.
 * Throws a 409 DomainError when scoring is not complete.
 */
export function evaluateRound(
  project: Project,
  bids: readonly BidRecord[],
  sheets: readonly ScoreSheet[],
  now: string,
): ProjectEvaluation | undefined {
  if (!bids.some((b) => !b.disqualified)) return undefined;
  const round = currentRound(project);
  const past = pastPerformanceCode(project.evaluationCriteria);
  const ranking = rankBids({
    criteria: project.evaluationCriteria,
    bids: bids.map(asBid),
    contractors: bids.map((b) => ({
      id: b.contractorId,
      kind: b.contractorKind,
      nonProfit: b.nonProfit,
      name: b.contractorName,
    })),
    evaluators: project.evaluatorIds ?? [],
    scores: scoresOf(sheets, round, bids),
    options: past ? { pastPerformance: { criterionCode: past } } : {},
  });
  return evaluationSummary(ranking, round, now);
}

/**
 * R-PROC-5: the documented draw on the stored summary, by the same rules as `applyDraw`: `order` lists
 * exactly the bids tied at one rank, witnesses are named, and the tie-break statements say so.
 */
export function recordDraw(
  evaluation: ProjectEvaluation,
  order: readonly string[],
  record: { drawnBy: string; witnessedBy: readonly string[]; at: string },
): ProjectEvaluation {
  return applyDraw(evaluation, order, record);
}

/**
 * R-PROC-5: the draw that decides the first place of an evaluated project, with its timeline entry.
 * The witnesses are named in the tie-break statement; who recorded it is the entry's `by`.
 */
export function drawFirstPlace(
  project: Project,
  input: { order: readonly string[]; witnessedBy: readonly string[] },
  ctx: { actor: Actor; now: string },
): Project {
  const evaluation = project.evaluation;
  if (project.status !== 'evaluated' || !evaluation?.drawRequired) {
    throw new DomainError('conflict', `a ${project.status} project has no draw to hold`, {
      rule: 'R-PROC-5',
    });
  }
  const drawn = recordDraw(evaluation, input.order, {
    drawnBy: ctx.actor.sub,
    witnessedBy: input.witnessedBy,
    at: ctx.now,
  });
  if (!drawn.winner) {
    throw new DomainError('invalid', 'order: the draw orders the bids tied for the first place', {
      field: 'order',
      rule: 'R-PROC-5',
    });
  }
  return {
    ...project,
    evaluation: drawn,
    timeline: [
      ...project.timeline,
      {
        at: ctx.now,
        status: project.status,
        event: 'draw',
        by: ctx.actor,
        note: `${input.order.join(' > ')}; witnessed by ${input.witnessedBy.join('、')}`,
      },
    ],
    version: project.version + 1,
    updatedAt: ctx.now,
  };
}
