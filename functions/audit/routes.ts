/** The audit routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { AuditParams, AuditTrail } from '#shared/schemas/audit.schema';
import { PageQuery } from '#shared/schemas/common.schema';

export const getAuditTrailRoute = {
  method: 'GET',
  path: '/v1/audit/{recordType}/{id}',
  handler: 'functions/audit/get-audit-trail',
  summary: 'Hash-chained audit entries of one record and whether the chain verifies (R-SUP-2)',
  auth: ['auditor', 'bureau'],
  // The chain and the record it belongs to; the signed daily digest that anchors it (DIGEST#) and the index of the
  // days its head was recorded (AUDITHEADS# on GSI1), issue 11 §5 (shared/adapters/dynamodb/audit-heads.ts).
  table: {
    read: [
      'ACCEPTANCE#',
      'AUDIT#',
      'BUDGET#',
      'CATALOG',
      'CONTRACT#',
      'CONTRACTOR#',
      'DELEGATION#',
      'DELIVERY#',
      'DIGEST#',
      'DISPATCH#',
      'EVALUATORPOOL',
      'MILESTONE#',
      'PROJECT#',
      'PURCHASER#',
      'SUPERVISION#',
    ],
    index: ['AUDITHEADS#'],
  },
  request: { params: AuditParams, query: PageQuery },
  // 409 for a bid, bid document or score sheet while the record itself is sealed (R-PROC-5, R-PROC-3).
  response: { status: 200, body: AuditTrail, errors: [409] },
} as const satisfies RouteDef;
