/** The challenges routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import {
  AnswerChallengeBody,
  Challenge,
  ChallengeList,
  ChallengeParams,
  FileChallengeBody,
} from '#shared/schemas/challenge.schema';
import { IdParams } from '#shared/schemas/common.schema';

export const fileChallengeRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/challenges',
  handler: 'functions/challenges/file-challenge',
  summary: 'A bidder challenges the award (质疑) inside the standstill window (R-PROC-5)',
  auth: ['contractor'],
  delegable: 'bids',
  table: { read: ['PROJECT#'], put: ['PROJECT#'], check: ['PROJECT#'] },
  idempotent: true,
  request: { params: IdParams, body: FileChallengeBody },
  response: { status: 201, body: Challenge },
} as const satisfies RouteDef;
export const listChallengesRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/challenges',
  handler: 'functions/challenges/list-challenges',
  summary: "A project's challenges and their answers, oldest first; a bidder sees its own (R-PROC-5)",
  auth: ['bureau', 'town', 'auditor', 'contractor'],
  delegable: 'bids',
  table: { read: ['PROJECT#'] },
  request: { params: IdParams },
  response: { status: 200, body: ChallengeList },
} as const satisfies RouteDef;
export const answerChallengeRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/challenges/{challengeId}/answer',
  handler: 'functions/challenges/answer-challenge',
  summary:
    'Answer a challenge: dismissed, or sustained with rescore (award withdrawn, back to scoring) or cancel (R-PROC-5, R-SUP-3)',
  auth: ['bureau'],
  table: {
    read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'],
    put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
    delete: ['PROJECT#'],
    check: ['PROJECT#'],
  },
  conditional: true,
  request: { params: ChallengeParams, body: AnswerChallengeBody },
  response: { status: 200, body: Challenge },
} as const satisfies RouteDef;
