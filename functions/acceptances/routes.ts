/**
 * The acceptances routes of the route table (functions/routes.ts), issue 13 §3 (R-ACC-1..4; docs/acceptance.md);
 * each handler imports only its own entry. `acceptancesRoutes` maps each route's name to its entry: routes.ts spreads
 * it into the table. The acceptance workflow's tasks are functions/workflows.ts's.
 */
import type { RouteDef } from '#shared/http/route-def';
import { IdParams } from '#shared/schemas/common.schema';
import {
  Acceptance,
  AcceptanceParams,
  InvitationLookupBody,
  InvitationView,
  OpenAcceptanceBody,
  OpenedAcceptance,
  OpinionReceipt,
  PanelSignatureView,
  RecordMeasurementsBody,
  SignAcceptanceBody,
  SubmitOpinionBody,
} from '#shared/schemas/acceptance.schema';

export const openAcceptanceRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/acceptances',
  handler: 'functions/acceptances/open-acceptance',
  summary:
    "Open the acceptance of one stage of a signed contract (R-ACC-1, R-ACC-2): the panel, and a sample of the recipients the delivery records served, each invited once; the invitations' tokens are answered in this 201 only. Starts the acceptance workflow",
  auth: ['bureau', 'town'],
  // CONTRACT#: the contract and its plan; DELIVERY#: the recipients served; ACCEPTANCE#: the acceptance and the
  // milestone's open marker; INVITATION#: each invitation by its token's hash (keys.ts).
  table: {
    read: ['ACCEPTANCE#', 'CONTRACT#', 'DELIVERY#'],
    put: ['ACCEPTANCE#', 'INVITATION#'],
    audit: ['acceptance'],
  },
  idempotent: true,
  request: { params: IdParams, body: OpenAcceptanceBody },
  response: { status: 201, body: OpenedAcceptance },
} as const satisfies RouteDef;

export const getAcceptanceRoute = {
  method: 'GET',
  path: '/v1/contracts/{id}/acceptances/{acceptanceId}',
  handler: 'functions/acceptances/get-acceptance',
  summary:
    "An acceptance: its panel, sample, opinions' closing, measurements and each round's result; for the purchaser's staff in scope, finance, audit, the contractor, and the panel's members",
  auth: ['bureau', 'town', 'finance', 'auditor', 'contractor', 'evaluator'],
  // A portal acting for the contractor reads it as the contractor does, as the other reads of a contract's delivery.
  delegable: 'deliveries',
  table: { read: ['ACCEPTANCE#'] },
  request: { params: AcceptanceParams },
  response: { status: 200, body: Acceptance },
} as const satisfies RouteDef;

export const lookupInvitationRoute = {
  method: 'POST',
  path: '/v1/opinion-invitations/lookup',
  handler: 'functions/acceptances/lookup-invitation',
  summary:
    "A service recipient's invitation (no account; the token in the body, never in a URL): the contract's title, its service items and what to answer in the current round. An unknown token, one answered this round or past the round's deadline: the same 404",
  auth: 'public',
  table: { read: ['ACCEPTANCE#', 'CONTRACT#', 'INVITATION#'] },
  request: { body: InvitationLookupBody },
  response: { status: 200, body: InvitationView },
} as const satisfies RouteDef;

export const submitOpinionRoute = {
  method: 'POST',
  path: '/v1/opinions',
  handler: 'functions/acceptances/submit-opinion',
  summary:
    "A service recipient's opinion (R-ACC-2): satisfaction 1–5, the items served, a comment; once per invitation and round (a second answer this round, an unknown token, past the deadline: the same 404). No identity is kept with it",
  auth: 'public',
  table: {
    read: ['ACCEPTANCE#', 'CONTRACT#', 'INVITATION#'],
    put: ['ACCEPTANCE#'],
    update: ['INVITATION#'],
    check: ['ACCEPTANCE#'],
    delete: ['ACCEPTANCE#'],
    audit: ['opinion'],
  },
  request: { body: SubmitOpinionBody },
  response: { status: 200, body: OpinionReceipt },
} as const satisfies RouteDef;

export const recordMeasurementsRoute = {
  method: 'PUT',
  path: '/v1/contracts/{id}/acceptances/{acceptanceId}/measurements',
  handler: 'functions/acceptances/record-measurements',
  summary:
    "The panel's measured value per indicator of the acceptance plan for the current round (R-ACC-1), before any member signs it: the opener's side (bureau, or the purchasing town)",
  auth: ['bureau', 'town'],
  table: { read: ['ACCEPTANCE#', 'CONTRACT#'], put: ['ACCEPTANCE#'], audit: ['acceptance'] },
  conditional: true,
  request: { params: AcceptanceParams, body: RecordMeasurementsBody },
  response: { status: 200, body: Acceptance },
} as const satisfies RouteDef;

export const signAcceptanceRoute = {
  method: 'POST',
  path: '/v1/contracts/{id}/acceptances/{acceptanceId}/signatures',
  handler: 'functions/acceptances/sign-acceptance',
  summary:
    "A panel member signs the current round (R-ACC-1): confirm the rule's outcome, or fail it with a reason (never pass what the rule fails); once per member and round, in the member's panel role, on the version read (If-Match); the quorum resumes the workflow",
  auth: ['bureau', 'town', 'evaluator'],
  // CONTRACT#: a terminated or completed contract's acceptance is not signed (409, R-ACC-3).
  table: {
    read: ['ACCEPTANCE#', 'CONTRACT#'],
    put: ['ACCEPTANCE#'],
    check: ['ACCEPTANCE#'],
    delete: ['ACCEPTANCE#'],
    audit: ['panel-signature'],
  },
  // If-Match: the acceptance's version the member read; what they sign is the measurements of that version
  // (re-measured meanwhile: 412, read it again).
  conditional: true,
  request: { params: AcceptanceParams, body: SignAcceptanceBody },
  response: { status: 201, body: PanelSignatureView },
} as const satisfies RouteDef;

export const acceptancesRoutes = {
  openAcceptance: openAcceptanceRoute,
  getAcceptance: getAcceptanceRoute,
  lookupInvitation: lookupInvitationRoute,
  submitOpinion: submitOpinionRoute,
  recordMeasurements: recordMeasurementsRoute,
  signAcceptance: signAcceptanceRoute,
} as const satisfies Record<string, RouteDef>;
