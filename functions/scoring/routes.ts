/** The scoring routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import {
  AssignEvaluatorsBody,
  DrawBody,
  DrawPanelBody,
  EvaluatorParams,
  PoolMember,
  PoolMemberList,
  RegisterEvaluatorBody,
  RetireEvaluatorBody,
  EvaluatorProjectList,
  ScoreSheet,
  ScoreSheetList,
  SubmitScoresBody,
} from '#shared/schemas/scoring.schema';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import { Project } from '#shared/schemas/project.schema';

/**
 * A panel change reads the project, its sheets and the pool; writes the project and the assignment rows; checks
 * the old members' sheets and the new members' pool entries (R-PROC-3).
 */
const PANEL_RIGHTS = {
  read: ['EVALUATORPOOL', 'PROJECT#'],
  put: ['EVALUATOR#', 'PROJECT#'],
  delete: ['EVALUATOR#'],
  check: ['EVALUATORPOOL', 'PROJECT#'],
  audit: ['project'],
} as const;

export const assignEvaluatorsRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/evaluators',
  handler: 'functions/scoring/assign-evaluators',
  summary:
    'Set the evaluation panel before scoring starts: active members of the evaluator pool, distinct, an odd number, 5+ for tenders and 3+ otherwise (R-PROC-3); from the bid deadline on only the bureau, with a reason (R-PROC-5)',
  auth: ['bureau', 'town'],
  table: PANEL_RIGHTS,
  conditional: true,
  request: { params: IdParams, body: AssignEvaluatorsBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const listEvaluatorProjectsRoute = {
  method: 'GET',
  path: '/v1/evaluator/projects',
  handler: 'functions/scoring/list-evaluator-projects',
  summary: 'The projects you are on the panel of, newest first, with what you score them on (R-PROC-3)',
  auth: ['evaluator'],
  table: { read: ['EVALUATOR#', 'PROJECT#'] },
  request: { query: PageQuery },
  response: { status: 200, body: EvaluatorProjectList },
} as const satisfies RouteDef;
export const submitScoresRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/scores',
  handler: 'functions/scoring/submit-scores',
  summary:
    'Your whole score sheet for the current round once bidding has closed (201 first, with If-None-Match: *; 200 replaced, with If-Match); the last sheet resumes the workflow (R-PROC-3, R-PROC-6)',
  auth: ['evaluator'],
  table: { read: ['PROJECT#'], put: ['PROJECT#'], delete: ['PROJECT#'], check: ['PROJECT#'] },
  conditional: 'create-or-replace',
  request: { params: IdParams, body: SubmitScoresBody },
  response: { status: 201, body: ScoreSheet, alsoStatus: [200] },
} as const satisfies RouteDef;
export const listScoreSheetsRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/scores',
  handler: 'functions/scoring/list-score-sheets',
  summary:
    'Score sheets of every round once the project is evaluated; an evaluator reads its own at any time (R-PROC-3)',
  auth: ['bureau', 'town', 'auditor', 'evaluator'],
  table: { read: ['PROJECT#'] },
  request: { params: IdParams },
  // 409 for staff until the project is evaluated.
  response: { status: 200, body: ScoreSheetList, errors: [409] },
} as const satisfies RouteDef;
export const recordDrawRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/draw',
  handler: 'functions/scoring/record-draw',
  summary:
    'Record the witnessed draw between bids tied for the first place that no rule ranks apart; the workflow goes on to the award (R-PROC-5)',
  auth: ['bureau'],
  table: { read: ['PROJECT#'], put: ['PROJECT#'], delete: ['PROJECT#'], check: ['PROJECT#'] },
  conditional: true,
  request: { params: IdParams, body: DrawBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const drawPanelRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/evaluators/draw',
  handler: 'functions/scoring/draw-panel',
  summary:
    'The system draws the panel from the active evaluator pool; the seed, its inputs and the pool are published on the project’s panel record so anyone can draw it again (R-PROC-5); the same freeze as naming a panel',
  auth: ['bureau', 'town'],
  table: PANEL_RIGHTS,
  conditional: true,
  request: { params: IdParams, body: DrawPanelBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
/** The evaluator pool (评审专家库): one partition, `EVALUATORPOOL`, and its entries' audit chains. */
const POOL_WRITE = { read: ['EVALUATORPOOL'], put: ['EVALUATORPOOL'], audit: ['evaluator'] } as const;
export const registerEvaluatorRoute = {
  method: 'PUT',
  path: '/v1/evaluators/{sub}',
  handler: 'functions/scoring/register-evaluator',
  summary:
    'Register a user (its token sub) in the evaluator pool with its name and fields of expertise (201, with If-None-Match: *), or update them (200 updated or unchanged, with If-Match) (R-PROC-3)',
  auth: ['bureau'],
  table: POOL_WRITE,
  conditional: 'create-or-replace',
  request: { params: EvaluatorParams, body: RegisterEvaluatorBody },
  response: { status: 201, body: PoolMember, alsoStatus: [200] },
} as const satisfies RouteDef;
export const retireEvaluatorRoute = {
  method: 'POST',
  path: '/v1/evaluators/{sub}/retire',
  handler: 'functions/scoring/retire-evaluator',
  summary:
    'Retire a member of the evaluator pool, dated and with a reason; the entry stays, and the member sits on no new panel (R-PROC-3)',
  auth: ['bureau'],
  table: POOL_WRITE,
  conditional: true,
  request: { params: EvaluatorParams, body: RetireEvaluatorBody },
  response: { status: 200, body: PoolMember },
} as const satisfies RouteDef;
export const listEvaluatorsRoute = {
  method: 'GET',
  path: '/v1/evaluators',
  handler: 'functions/scoring/list-evaluators',
  summary: 'The evaluator pool, active and retired members, in sub order (R-PROC-3)',
  auth: ['bureau', 'town'],
  table: { read: ['EVALUATORPOOL'] },
  request: { query: PageQuery },
  response: { status: 200, body: PoolMemberList },
} as const satisfies RouteDef;
