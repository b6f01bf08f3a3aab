/** The projects routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { STAFF_READERS } from '#shared/http/route-def';
import { IdParams } from '#shared/schemas/common.schema';
import {
  CancelProjectBody,
  CreateProjectBody,
  Project,
  ProjectList,
  ProjectQuery,
  PublicationAccepted,
  PublishProjectBody,
  UpdateProjectBody,
} from '#shared/schemas/project.schema';

export const createProjectRoute = {
  method: 'POST',
  path: '/v1/projects',
  handler: 'functions/projects/create-project',
  summary:
    'Draft a purchase project: catalog item, budget line, method, criteria (R-PROC-2..4, R-CAT-3, R-CAT-4)',
  auth: ['bureau', 'town'],
  table: {
    read: ['BUDGET#', 'CATALOG', 'CONTRACTOR#', 'PURCHASER#'],
    put: ['PROJECT#'],
    check: ['BUDGET#', 'CONTRACTOR#'],
  },
  idempotent: true,
  request: { body: CreateProjectBody },
  response: { status: 201, body: Project },
} as const satisfies RouteDef;
export const listProjectsRoute = {
  method: 'GET',
  path: '/v1/projects',
  handler: 'functions/projects/list-projects',
  summary: "A purchaser's projects, by status, newest first",
  auth: STAFF_READERS,
  table: { index: ['PROJECTS#'] },
  request: { query: ProjectQuery },
  response: { status: 200, body: ProjectList },
} as const satisfies RouteDef;
export const getProjectRoute = {
  method: 'GET',
  path: '/v1/projects/{id}',
  handler: 'functions/projects/get-project',
  summary: 'One project with its status and timeline (R-PROC-1, R-SUP-1)',
  auth: STAFF_READERS,
  table: { read: ['PROJECT#'] },
  request: { params: IdParams },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const updateProjectRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}',
  handler: 'functions/projects/update-project',
  summary: 'Replace the content of a draft project',
  auth: ['bureau', 'town'],
  table: {
    read: ['BUDGET#', 'CATALOG', 'CONTRACTOR#', 'PROJECT#', 'PURCHASER#'],
    put: ['PROJECT#'],
    check: ['BUDGET#', 'CONTRACTOR#'],
  },
  conditional: true,
  request: { params: IdParams, body: UpdateProjectBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const submitProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/submit',
  handler: 'functions/projects/submit-project',
  summary: 'Submit a draft for approval; the method rules are checked now (R-PROC-2)',
  auth: ['bureau', 'town'],
  table: {
    read: ['BUDGET#', 'CATALOG', 'CONTRACTOR#', 'PROJECT#', 'PURCHASER#'],
    put: ['PROJECT#'],
    check: ['BUDGET#', 'CONTRACTOR#'],
  },
  conditional: true,
  request: { params: IdParams },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const approveProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/approve',
  handler: 'functions/projects/approve-project',
  summary: 'Approve a submitted project; the approver is not the submitter (four eyes)',
  auth: ['bureau'],
  table: {
    read: ['BUDGET#', 'CATALOG', 'CONTRACTOR#', 'PROJECT#', 'PURCHASER#'],
    // The approval publishes the procurement plan (R-SUP-3): a release, its OCDS record and an announcement.
    put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
    check: ['BUDGET#', 'CONTRACTOR#'],
  },
  conditional: true,
  request: { params: IdParams },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const cancelProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/cancel',
  handler: 'functions/projects/cancel-project',
  summary: 'Cancel a project before it is contracted, with a public reason (R-SUP-3)',
  auth: ['bureau', 'town'],
  table: {
    read: ['PROJECT#', 'PURCHASER#', 'BUDGET#', 'CATALOG'],
    put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
    delete: ['PROJECT#'],
  },
  conditional: true,
  request: { params: IdParams, body: CancelProjectBody },
  response: { status: 200, body: Project },
} as const satisfies RouteDef;
export const publishProjectRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/publish',
  handler: 'functions/projects/publish-project',
  summary:
    'Publish an approved project: starts the procurement workflow, which publishes the notice and runs bidding, scoring, award, standstill and contract (R-PROC-1)',
  auth: ['bureau', 'town'],
  table: { read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'] },
  conditional: true,
  request: { params: IdParams, body: PublishProjectBody },
  response: { status: 202, body: PublicationAccepted },
} as const satisfies RouteDef;
