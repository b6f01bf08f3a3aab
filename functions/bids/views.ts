/** API views of bids and bid documents: domain records → the shapes in bid.schema.ts. */
import { createHash } from 'node:crypto';
import type * as z from '#shared/schemas/zod';
import type { SealedBid } from '#shared/use-cases/bid-seal';
import type { BidDocument, BidRecord } from '#shared/domain/procurement-records';
import type { Bid as BidSchema, BidDocument as BidDocumentSchema } from '#shared/schemas/bid.schema';

/** A bid as its readers see it: a sealed one without its contents, with the receipt of the sealed content. */
export const bidView = (b: BidRecord | SealedBid): z.infer<ReturnType<typeof BidSchema>> => ({
  id: b.id,
  projectId: b.projectId,
  contractorId: b.contractorId,
  contractorKind: b.contractorKind,
  contractorName: b.contractorName,
  nonProfit: b.nonProfit,
  ...('sealed' in b && b.sealed
    ? { sealed: { sha256: createHash('sha256').update(b.sealed.data).digest('hex') } }
    : { price: (b as BidRecord).price, proposal: (b as BidRecord).proposal }),
  documentIds: b.documentIds,
  revision: b.revision,
  submittedAt: b.submittedAt,
  ...(b.revisedAt ? { revisedAt: b.revisedAt } : {}),
  ...(b.disqualified ? { disqualified: b.disqualified } : {}),
  version: b.version,
});

export function bidDocumentView(
  d: BidDocument,
  download?: { url: string; expiresAt: string },
): z.infer<ReturnType<typeof BidDocumentSchema>> {
  return {
    documentId: d.documentId,
    projectId: d.projectId,
    contractorId: d.contractorId,
    fileName: d.fileName,
    contentType: d.contentType as z.infer<ReturnType<typeof BidDocumentSchema>>['contentType'],
    size: d.size,
    ...(d.sha256 !== undefined ? { sha256: d.sha256 } : {}),
    status: d.status,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    requestedAt: d.requestedAt,
    ...(d.uploadedAt ? { uploadedAt: d.uploadedAt } : {}),
    ...(d.verifiedAt ? { verifiedAt: d.verifiedAt } : {}),
    version: d.version,
    ...(download ? { download } : {}),
  };
}
