import { ActorView, count } from './common.schema';
import * as z from './zod';
import { component, deferred } from './zod';

export const AuditRecordType = /* @__PURE__ */ (() =>
  z.enum([
    'contractor',
    'document',
    'catalog-item',
    'budget-line',
    'project',
    'procurement-rules',
    'bid',
    'bidDocument',
    'scoreSheet',
    'challenge',
    'contract',
    'evaluator',
    'delegation',
    'contractor-user',
    'staff',
    'dispatch',
    'delivery',
    'financial-report',
    'inspection',
    'acceptance',
    'opinion',
    'panel-signature',
    'milestone',
    'payment',
  ]))();

export const AuditParams = /* @__PURE__ */ (() =>
  z.object({
    recordType: AuditRecordType,
    // A score sheet's id joins project, round and evaluator: <projectId>.r<round>.<evaluatorId>; a delegation's
    // the contractor and the portal's client id (which may hold `:`), <contractorId>.<portalId>. Issue 13: a financial
    // report's <contractId>.<period>, a recipient's opinion <invitationId>.<round> (one per invitation and round), a
    // panel signature's <acceptanceId>.<round>.<sub>, a milestone's <contractId>.m<seq>, a payment's <contractId>.p<seq>.
    id: z.string().check(z.regex(/^[0-9A-Za-z_.:-]{3,200}$/)),
  }))();

export const AuditEntry = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      recordType: AuditRecordType,
      recordId: z.string(),
      seq: count(),
      at: z.string(),
      actor: ActorView(),
      action: z.string(),
      data: z.unknown(),
      prevHash: z.string(),
      hash: z.string(),
    }),
    'AuditEntry',
  ),
);

export const AuditTrail = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      recordType: AuditRecordType,
      recordId: z.string(),
      entries: z.array(AuditEntry()),
      chain: z.object({
        verified: z.boolean(),
        length: count(),
        brokenAtSeq: z.optional(count()),
        problem: z.optional(z.string()),
      }),
      // Issue 11 §5: the chain against the latest signed daily digest listing the record; null before its first.
      anchoredBy: z.nullable(
        z.object({
          date: z.string(),
          seq: count(),
          verified: z.boolean(),
          problem: z.optional(z.string()),
        }),
      ),
      cursor: z.optional(z.string()),
    }),
    'AuditTrail',
  ),
);
