/** API views of delivery records and progress: domain → the shapes in shared/schemas/delivery.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { Delivery } from '#shared/schemas/delivery.schema';
import type { DeliveryView } from '#shared/use-cases/deliveries';

/** Field by field, so nothing stored (the seal among it) reaches an answer by accident. */
export const deliveryView = (d: DeliveryView): z.infer<ReturnType<typeof Delivery>> => ({
  id: d.id,
  contractId: d.contractId,
  contractorId: d.contractorId,
  purchaserId: d.purchaserId,
  catalogCode: d.catalogCode,
  lineCode: d.lineCode,
  unit: d.unit,
  ...(d.indicatorCode !== undefined ? { indicatorCode: d.indicatorCode } : {}),
  recipient: {
    villageId: d.recipient.villageId,
    townId: d.recipient.townId,
    ref: d.recipient.ref,
    ...(d.recipient.name !== undefined ? { name: d.recipient.name } : {}),
    ...(d.recipient.residentId !== undefined ? { residentId: d.recipient.residentId } : {}),
    ...(d.recipient.phone !== undefined ? { phone: d.recipient.phone } : {}),
  },
  staffId: d.staffId,
  dispatchId: d.dispatchId,
  start: d.start,
  end: d.end,
  quantity: d.quantity,
  ...(d.notes !== undefined ? { notes: d.notes } : {}),
  ...(d.evidenceReference !== undefined ? { evidenceReference: d.evidenceReference } : {}),
  ...(d.portalRecordId !== undefined ? { portalRecordId: d.portalRecordId } : {}),
  recordedBy: d.recordedBy,
  version: d.version,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
