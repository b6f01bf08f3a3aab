/** The scoring routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import {
  AssignEvaluatorsBody,
  DrawBody,
  EvaluatorProjectList,
  ScoreSheet,
  ScoreSheetList,
  SubmitScoresBody,
} from '#shared/schemas/scoring.schema';
import { IdParams, PageQuery } from '#shared/schemas/common.schema';
import { Project } from '#shared/schemas/project.schema';

export const assignEvaluatorsRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/evaluators',
  handler: 'functions/scoring/assign-evaluators',
  summary:
    'Set the evaluation panel before scoring starts: distinct, an odd number, 5+ for tenders and 3+ otherwise (R-PROC-3)',
  auth: ['bureau', 'town'],
  table: { read: ['PROJECT#'], put: ['EVALUATOR#', 'PROJECT#'], delete: ['EVALUATOR#'], check: ['PROJECT#'] },
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
    'Your whole score sheet for the current round once bidding has closed (201 first, 200 replaced); the last sheet resumes the workflow (R-PROC-3, R-PROC-6)',
  auth: ['evaluator'],
  table: { read: ['PROJECT#'], put: ['PROJECT#'], delete: ['PROJECT#'], check: ['PROJECT#'] },
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
