/**
 * Scoring (R-PROC-3, R-PROC-5, R-PROC-6): the evaluation panel, the evaluators' score sheets, reading them,
 * and the documented draw. Each write is one transaction; a change that completes what the procurement
 * workflow waits for resumes it after the commit (workflow-callbacks.ts).
 */
import type { Viewer } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { randomBytes } from 'node:crypto';
import { isoWithOffset } from '#shared/domain/clock';
import { DomainError, notFound } from '#shared/domain/errors';
import { drawPanel } from '#shared/domain/evaluator-pool';
import type { ScoreSheet } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import type { ScoreInput } from '#shared/domain/scoring';
import {
  MAX_PANEL,
  SHEETS_SEALED_WHILE,
  assignPanel,
  checkPanelChange,
  checkPanelSize,
  currentRound,
  drawFirstPlace,
  scoreSheet,
  scoringComplete,
} from '#shared/domain/scoring';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { poolMembers, wholePool } from './evaluator-pool';
import { assertCreateOrReplace, assertVersion, lostRace } from './if-match';
import type { Deps } from './ports';
import { loadScoreSheets } from './procurement-reads';
import { loadProject, projectChange } from './project-records';
import type { CallbackDeps } from './workflow-callbacks';
import { resumeWorkflow } from './workflow-callbacks';
import { loadOpenedBids } from './bid-seal';

/** Routes that may wake the workflow: the table and clock, plus the parked callbacks and Step Functions. */
export type ScoringDeps = Deps & CallbackDeps;

interface Change {
  viewer: Viewer;
  actor: Actor;
  ifMatch: number;
}

// ---- the panel ----

/** The row that lists a project among an evaluator's assignments (not a record: the project's audit holds the panel). */
export interface EvaluatorAssignment {
  evaluatorId: string;
  projectId: string;
  purchaserId: string;
  /** The project version that set the panel. */
  panelVersion: number;
  updatedAt: string;
}

const assignmentPut = (project: Project, evaluatorId: string): ExtraWrite => ({
  item: {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.evaluatorAssignment(evaluatorId, project.id),
        recordType: 'evaluatorAssignment',
        evaluatorId,
        projectId: project.id,
        purchaserId: project.purchaserId,
        panelVersion: project.version,
        updatedAt: project.updatedAt,
      } satisfies EvaluatorAssignment & Record<string, unknown>,
    },
  },
  // Unconditional: only a concurrent transaction can cancel it, which commit() reports.
  onConditionFailed: () => new DomainError('conflict', 'the panel changed meanwhile; read it again'),
});

const assignmentDelete = (projectId: string, evaluatorId: string): ExtraWrite => ({
  item: { Delete: { TableName: TABLE_NAME, Key: keys.evaluatorAssignment(evaluatorId, projectId) } },
  onConditionFailed: () => new DomainError('conflict', 'the panel changed meanwhile; read it again'),
});

/** A member of the old panel has not started the round meanwhile (the sheet write checks the panel in turn). */
const noSheetYet = (projectId: string, round: number, evaluatorId: string): ExtraWrite => ({
  item: {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: keys.scoreSheet(projectId, round, evaluatorId),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
  onConditionFailed: () =>
    new DomainError(
      'conflict',
      `scoring of round ${round} started meanwhile; the panel can no longer change`,
      {
        rule: 'R-PROC-3',
      },
    ),
});

/** A member the panel names must still be active in the pool when the panel lands (R-PROC-3). */
const stillActive = (sub: string): ExtraWrite => ({
  item: {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: keys.evaluatorPoolMember(sub),
      ConditionExpression: '#s = :active',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
  },
  onConditionFailed: () =>
    new DomainError('conflict', `evaluator ${sub} was retired from the pool meanwhile; read it again`, {
      rule: 'R-PROC-3',
    }),
});

/**
 * One panel change in one transaction: the project (version + 1, panel record, history, timeline) with its
 * audit entry, one assignment row per member and the removal of dropped ones, the old members' no-sheet checks
 * while bidding is closed, and the pool check of every member not on the old panel.
 */
async function commitPanel(
  deps: Deps,
  stored: Stored<Project>,
  next: Project,
  ctx: { actor: Actor; action: string; scoring: boolean; round: number },
): Promise<void> {
  const id = next.id;
  const before = stored.value.evaluatorIds ?? [];
  const after = next.evaluatorIds ?? [];
  await deps.store.commit(
    [projectChange(next, ctx.action, ctx.actor, stored)],
    [
      ...after.map((e) => assignmentPut(next, e)),
      ...before.filter((e) => !after.includes(e)).map((e) => assignmentDelete(id, e)),
      ...(ctx.scoring ? before.map((e) => noSheetYet(id, ctx.round, e)) : []),
      ...after.filter((e) => !before.includes(e)).map(stillActive),
    ],
  );
}

/** The project and what a panel change is judged on: the current round and whether its sheets exist. */
async function panelContext(deps: Deps, id: string, ctx: Change) {
  const stored = await loadProject(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const project = stored.value;
  const round = currentRound(project);
  // Sheets exist only while bidding is closed (the sheet write checks the status).
  const scoring = project.status === 'bidding_closed';
  const sheets = scoring ? await loadScoreSheets(deps, id, round) : [];
  return { stored, project, round, scoring, sheetsInRound: sheets.length };
}

/**
 * R-PROC-3, R-PROC-5: sets the panel of an approved, published or closed project before scoring starts, naming
 * active members of the evaluator pool. From the bid deadline on only the bureau, with a `reason`.
 */
export async function assignEvaluators(
  deps: Deps,
  id: string,
  input: { evaluatorIds: readonly string[]; reason?: string },
  ctx: Change,
): Promise<Project> {
  const { stored, project, round, scoring, sheetsInRound } = await panelContext(deps, id, ctx);
  const pool = await poolMembers(deps, input.evaluatorIds.slice(0, MAX_PANEL + 1));
  const next = assignPanel(project, input.evaluatorIds, {
    sheetsInRound,
    actor: ctx.actor,
    now: isoWithOffset(deps.clock.now()),
    pool,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  });
  if (next === project) return project;
  await commitPanel(deps, stored, next, {
    actor: ctx.actor,
    action: 'project.evaluators_assigned',
    scoring,
    round,
  });
  return next;
}

/**
 * R-PROC-5: the system draws a panel of `size` from the active evaluator pool (narrowed to `expertise`), from a
 * seed published with the result: the panel record holds the seed, its inputs and the pool as it was, so anyone
 * can draw it again (`replayDraw`). The same rules as a named panel apply (before the deadline the purchaser,
 * from it on the bureau with a reason).
 */
export async function drawEvaluators(
  deps: Deps,
  id: string,
  input: { size: number; expertise?: string; reason?: string },
  ctx: Change,
): Promise<Project> {
  const { stored, project, round, scoring, sheetsInRound } = await panelContext(deps, id, ctx);
  const now = isoWithOffset(deps.clock.now());
  // State, freeze and sheets first, then the size, then the pool (assignPanel checks them all again).
  checkPanelChange(project, {
    sheetsInRound,
    actor: ctx.actor,
    now,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  });
  checkPanelSize(project.procurementMethod, input.size);
  const members = await wholePool(deps);
  const { evaluatorIds, draw } = drawPanel({
    projectId: project.id,
    bidDeadline: project.tender?.bidDeadline ?? null,
    drawnAt: now,
    nonce: randomBytes(16).toString('hex'),
    auditHead: stored.head.auditHash,
    members,
    size: input.size,
    ...(input.expertise !== undefined ? { expertise: input.expertise } : {}),
  });
  const next = assignPanel(project, evaluatorIds, {
    sheetsInRound,
    actor: ctx.actor,
    now,
    pool: new Map(members.map((m) => [m.sub, m])),
    draw,
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  });
  await commitPanel(deps, stored, next, { actor: ctx.actor, action: 'project.panel_drawn', scoring, round });
  return next;
}

/** The projects an evaluator is on the panel of, newest first (project ids are time-ordered). */
export async function listAssignedProjects(
  deps: Deps,
  evaluatorId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<Project>> {
  const assignments = await deps.store.queryPartition<EvaluatorAssignment>(
    keys.evaluatorPartition(evaluatorId),
    { limit: page.limit, newestFirst: true, ...(page.cursor ? { cursor: page.cursor } : {}) },
  );
  const projects = await Promise.all(
    assignments.items.map((a) => deps.store.get<Project>(keys.project(a.value.projectId))),
  );
  return {
    // The project's own panel is authoritative.
    items: projects
      .filter(
        (p): p is Stored<Project> => p !== undefined && (p.value.evaluatorIds ?? []).includes(evaluatorId),
      )
      .map((p) => p.value),
    ...(assignments.cursor ? { cursor: assignments.cursor } : {}),
  };
}

// ---- score sheets ----

/** The audit id of a sheet (R-SUP-2): project, round and evaluator, in characters a URL path keeps as they are. */
export const scoreSheetRecordId = (sheet: Pick<ScoreSheet, 'projectId' | 'round' | 'evaluatorId'>) =>
  `${sheet.projectId}.r${sheet.round}.${sheet.evaluatorId}`;

const sheetChange = (
  sheet: ScoreSheet,
  actor: Actor,
  previous: Stored<ScoreSheet> | undefined,
): RecordChange => ({
  recordType: 'scoreSheet',
  recordId: scoreSheetRecordId(sheet),
  key: keys.scoreSheet(sheet.projectId, sheet.round, sheet.evaluatorId),
  value: sheet,
  ...previousOf(previous),
  actor,
  action: previous ? 'scoreSheet.replaced' : 'scoreSheet.submitted',
  at: sheet.submittedAt,
});

/**
 * The sheet lands only while the project is still scoring this round with this evaluator on the panel.
 * Not the project's version: the workflow and other evaluators' sheets do not conflict with it.
 */
const stillScoring = (projectId: string, round: number, evaluatorId: string): ExtraWrite => ({
  item: {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: keys.project(projectId),
      ConditionExpression: '#s = :closed AND scoringRound = :round AND contains(evaluatorIds, :evaluator)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':closed': 'bidding_closed', ':round': round, ':evaluator': evaluatorId },
    },
  },
  onConditionFailed: () =>
    new DomainError('conflict', `scoring of round ${round} ended or the panel changed meanwhile`, {
      rule: 'R-PROC-3',
    }),
});

/** A project whose panel holds the evaluator; to anyone else on the evaluator role it does not exist. */
async function loadAssigned(deps: Deps, id: string, evaluatorId: string): Promise<Stored<Project>> {
  const stored = await deps.store.get<Project>(keys.project(id));
  if (!stored || !(stored.value.evaluatorIds ?? []).includes(evaluatorId)) throw notFound('project');
  return stored;
}

export interface SubmittedSheet {
  sheet: ScoreSheet;
  /** True for the evaluator's first sheet of the round. */
  created: boolean;
  /** True when this sheet completed the round and the waiting workflow was resumed. */
  resumed: boolean;
}

/**
 * R-PROC-3: an assigned evaluator's whole sheet for the current round. When the round is complete after the
 * commit (read again, so two evaluators finishing at once cannot both miss it), the workflow parked on
 * 'scores' is resumed. Sending the stored sheet again once the round is complete resumes it too, so a
 * request whose resume failed can simply be retried (with If-Match: the sheet exists by then).
 *
 * The sheet is created with If-None-Match: * (`ifMatch` null) and replaced with If-Match (issue 12 §3), checked
 * after the panel, the seal and the round's state: an evaluator learns no version of a round it may not score.
 */
export async function submitScores(
  deps: ScoringDeps,
  id: string,
  input: { scores: readonly ScoreInput[] },
  ctx: { evaluatorId: string; actor: Actor; ifMatch: number | null },
): Promise<SubmittedSheet> {
  const { value: project } = await loadAssigned(deps, id, ctx.evaluatorId);
  const round = currentRound(project);
  const [bids, stored] = await Promise.all([loadOpenedBids(deps, id), loadScoreSheets(deps, id, round)]);
  const bidValues = bids.map((b) => b.value);
  const result = scoreSheet(
    project,
    bidValues,
    stored.map((s) => s.value),
    { evaluatorId: ctx.evaluatorId, scores: input.scores, now: isoWithOffset(deps.clock.now()) },
  );
  const previous = stored.find((s) => s.value.evaluatorId === ctx.evaluatorId);
  const what = `your score sheet of round ${round}`;
  assertCreateOrReplace(previous?.value, ctx.ifMatch, what);
  if (result.outcome === 'written') {
    // Conditional on the sheet as read: of two sheets sent from one read, the second is 412 (lostRace).
    await deps.store
      .commit([sheetChange(result.sheet, ctx.actor, previous)], [stillScoring(id, round, ctx.evaluatorId)])
      .catch((error: unknown) => {
        throw lostRace(error, what);
      });
  }
  const complete =
    result.outcome === 'unchanged' ||
    scoringComplete(
      project,
      bidValues,
      (await loadScoreSheets(deps, id, round)).map((s) => s.value),
    );
  const resumed = complete && (await resumeWorkflow(deps, id, 'scores', { round }));
  return {
    sheet: result.sheet,
    created: result.outcome === 'written' && !result.previous,
    resumed,
  };
}

/**
 * R-PROC-3: every sheet of every round for the bureau, the project's own town and auditors once the project is
 * evaluated (or ended); an evaluator reads only its own sheets, at any time. Evaluators score independently.
 */
export async function readScoreSheets(deps: Deps, id: string, viewer: Viewer): Promise<ScoreSheet[]> {
  const all = () =>
    deps.store
      .queryAll<ScoreSheet>(keys.projectItems(id), { sortKeyPrefix: 'SCORES#', consistent: true })
      .then((items) => items.map((s) => s.value));
  if (viewer.role === 'evaluator') {
    const stored = await deps.store.get<Project>(keys.project(id));
    if (!stored) throw notFound('project');
    const own = (await all()).filter((s) => s.evaluatorId === viewer.sub);
    // A former member still reads its own sheets; anyone else finds nothing.
    if (own.length === 0 && !(stored.value.evaluatorIds ?? []).includes(viewer.sub))
      throw notFound('project');
    return own;
  }
  const { value: project } = await loadProject(deps, id, viewer);
  if (SHEETS_SEALED_WHILE.includes(project.status)) {
    throw new DomainError(
      'conflict',
      `score sheets are read once the project is evaluated; this one is ${project.status}`,
      { rule: 'R-PROC-3' },
    );
  }
  return all();
}

// ---- the draw ----

/**
 * R-PROC-5: records the documented draw for the first place of an evaluated project (winner set, timeline
 * entry), then resumes the workflow parked on 'draw'.
 */
export async function holdDraw(
  deps: ScoringDeps,
  id: string,
  input: { order: readonly string[]; witnessedBy: readonly string[] },
  ctx: Change,
): Promise<Project> {
  const stored = await loadProject(deps, id, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const next = drawFirstPlace(stored.value, input, {
    actor: ctx.actor,
    now: isoWithOffset(deps.clock.now()),
  });
  await deps.store.commit([projectChange(next, 'project.draw_recorded', ctx.actor, stored)]);
  await resumeWorkflow(deps, id, 'draw', { winner: next.evaluation?.winner });
  return next;
}
