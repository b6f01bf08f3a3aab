/**
 * The delegations routes of the route table (functions/routes.ts), issue 12 §1: a contractor's consent that a
 * partner portal act for it (header On-Behalf-Of on the routes of the delegated scopes; docs/delegations.md).
 * Each handler imports only its own entry.
 */
import type { RouteDef } from '#shared/http/route-def';
import { PageQuery } from '#shared/schemas/common.schema';
import { IdParams } from '#shared/schemas/common.schema';
import {
  Delegation,
  DelegationList,
  DelegationParams,
  GrantDelegationBody,
  RevokeDelegationBody,
} from '#shared/schemas/delegation.schema';

export const grantDelegationRoute = {
  method: 'PUT',
  path: '/v1/contractors/{id}/delegations/{portalId}',
  handler: 'functions/delegations/grant-delegation',
  summary:
    "Grant (If-None-Match: *) or change (If-Match) a partner portal's delegation to act for the contractor: by the contractor's own user, or by the bureau on the contractor's written consent (documents, deliveries only)",
  auth: ['bureau', 'contractor'],
  // CONTRACTOR#: the contractor must exist; DELEGATION#: its delegation to the portal (keys.ts).
  table: { read: ['CONTRACTOR#', 'DELEGATION#'], put: ['DELEGATION#'], audit: ['delegation'] },
  conditional: 'create-or-replace',
  request: { params: DelegationParams, body: GrantDelegationBody },
  response: { status: 201, body: Delegation, alsoStatus: [200] },
} as const satisfies RouteDef;
export const revokeDelegationRoute = {
  method: 'POST',
  path: '/v1/contractors/{id}/delegations/{portalId}/revoke',
  handler: 'functions/delegations/revoke-delegation',
  summary:
    "Revoke a partner portal's delegation from now on, dated and never deleted: the contractor's own user or the bureau",
  auth: ['bureau', 'contractor'],
  table: { read: ['CONTRACTOR#', 'DELEGATION#'], put: ['DELEGATION#'], audit: ['delegation'] },
  conditional: true,
  request: { params: DelegationParams, body: RevokeDelegationBody },
  response: { status: 200, body: Delegation },
} as const satisfies RouteDef;
export const listDelegationsRoute = {
  method: 'GET',
  path: '/v1/contractors/{id}/delegations',
  handler: 'functions/delegations/list-delegations',
  summary:
    "A contractor's delegations to partner portals: all of them for its own user and the bureau; a portal sees its own only",
  auth: ['bureau', 'contractor', 'portal'],
  table: { read: ['CONTRACTOR#', 'DELEGATION#'] },
  request: { params: IdParams, query: PageQuery },
  response: { status: 200, body: DelegationList },
} as const satisfies RouteDef;
