/** The bids routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { BID_DOCUMENT_OBJECTS, EARLIER_BID_DOCUMENT_OBJECTS } from '#shared/http/route-def';
import {
  Bid,
  BidContractorParams,
  BidDocument,
  BidDocumentParams,
  BidDocumentUploadResponse,
  BidList,
  DisqualifyBidBody,
  RequestBidDocumentBody,
  SubmitBidBody,
} from '#shared/schemas/bid.schema';
import { IdParams } from '#shared/schemas/common.schema';

export const submitBidRoute = {
  method: 'PUT',
  path: '/v1/projects/{id}/bid',
  handler: 'functions/bids/submit-bid',
  summary:
    'Submit (201, with If-None-Match: *) or revise (200, with If-Match) your sealed bid until the deadline: eligible, invited where invited, price within the budget (R-PROC-1, R-PROC-2, R-QUAL-1, R-QUAL-2, R-FUND-2)',
  auth: ['contractor'],
  delegable: 'bids',
  // TOWNCONTACT#: the first submission lets the project's town see the bidder's contacts after the deadline
  // (issue 11 §6, keys.ts).
  table: {
    read: ['CONTRACTOR#', 'PROJECT#'],
    put: ['PROJECT#', 'TOWNCONTACT#'],
    check: ['CONTRACTOR#'],
  },
  // Two staff of one contractor revising its bid from the same read: one lands, the other 412 (issue 12 §3).
  conditional: 'create-or-replace',
  request: { params: IdParams, body: SubmitBidBody },
  response: { status: 201, body: Bid, alsoStatus: [200] },
} as const satisfies RouteDef;
export const getOwnBidRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/bid',
  handler: 'functions/bids/get-own-bid',
  summary: 'Your own bid on a project, at any time',
  auth: ['contractor'],
  delegable: 'bids',
  table: { read: ['PROJECT#'] },
  request: { params: IdParams },
  response: { status: 200, body: Bid },
} as const satisfies RouteDef;
export const listBidsRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/bids',
  handler: 'functions/bids/list-bids',
  summary: 'Every bid of a project with its price, only after the deadline; before it 409, sealed (R-PROC-5)',
  auth: ['bureau', 'town', 'auditor', 'evaluator'],
  table: { read: ['PROJECT#'] },
  request: { params: IdParams },
  // 409 while the bids are sealed (before the deadline).
  response: { status: 200, body: BidList, errors: [409] },
} as const satisfies RouteDef;
export const requestBidDocumentUploadRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/bid/documents',
  handler: 'functions/bids/request-bid-document-upload',
  summary:
    'Declare a document of your bid and get a presigned POST, while bidding is open; an object created after the deadline is rejected (R-PROC-1)',
  auth: ['contractor'],
  delegable: 'bids',
  // QUOTA#: the contractor's daily allowance of declared documents (shared/use-cases/document-quota.ts).
  table: { read: ['PROJECT#'], put: ['BIDOBJECT#', 'PROJECT#'], update: ['QUOTA#'] },
  bucket: { put: [BID_DOCUMENT_OBJECTS] },
  idempotent: true,
  request: { params: IdParams, body: RequestBidDocumentBody },
  // 429: the daily allowance of declared documents is used up (issue 11 §4).
  response: { status: 201, body: BidDocumentUploadResponse, errors: [429] },
} as const satisfies RouteDef;
export const getBidDocumentRoute = {
  method: 'GET',
  path: '/v1/projects/{id}/bids/{contractorId}/documents/{documentId}',
  handler: 'functions/bids/get-bid-document',
  summary:
    'One bid document and a short download link: its contractor at any time, readers of the project after the deadline (R-PROC-5)',
  auth: ['contractor', 'bureau', 'town', 'evaluator', 'auditor'],
  delegable: 'bids',
  table: { read: ['PROJECT#'] },
  bucket: { get: [BID_DOCUMENT_OBJECTS, EARLIER_BID_DOCUMENT_OBJECTS] },
  request: { params: BidDocumentParams },
  // 409 while the bids are sealed (before the deadline).
  response: { status: 200, body: BidDocument, errors: [409] },
} as const satisfies RouteDef;
export const disqualifyBidRoute = {
  method: 'POST',
  path: '/v1/projects/{id}/bids/{contractorId}/disqualify',
  handler: 'functions/bids/disqualify-bid',
  summary:
    'Compliance review (符合性审查) after the deadline, before scoring: the bid is neither scored nor the price baseline (R-PROC-3)',
  auth: ['bureau'],
  table: { read: ['PROJECT#'], put: ['PROJECT#'], delete: ['PROJECT#'], check: ['PROJECT#'] },
  conditional: true,
  request: { params: BidContractorParams, body: DisqualifyBidBody },
  response: { status: 200, body: Bid },
} as const satisfies RouteDef;
