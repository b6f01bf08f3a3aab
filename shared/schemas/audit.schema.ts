// Namespace import: lets esbuild drop the parts of zod (locales) no schema uses.
import * as z from 'zod';

export const AuditRecordType = z.enum(['contractor', 'document', 'catalog-item']);

export const AuditParams = z.object({
  recordType: AuditRecordType,
  id: z.string().regex(/^[0-9A-Za-z_-]{3,60}$/),
});

export const AuditEntry = z
  .object({
    recordType: AuditRecordType,
    recordId: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ sub: z.string(), role: z.string() }),
    action: z.string(),
    data: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditTrail = z
  .object({
    recordType: AuditRecordType,
    recordId: z.string(),
    entries: z.array(AuditEntry),
    chain: z.object({
      verified: z.boolean(),
      length: z.number().int(),
      brokenAtSeq: z.number().int().optional(),
      problem: z.string().optional(),
    }),
    cursor: z.string().optional(),
  })
  .meta({ id: 'AuditTrail' });
