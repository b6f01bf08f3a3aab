/**
 * A batch's rows parsed one by one (issue 13 §2): each against the row schema, its field errors named from the
 * body's root (`records.17.staffId`), so one bad row is answered on its own and never refuses the others.
 */
import { fromZod } from '#shared/http/problem';
import type { DeliveryBatchRow } from '#shared/schemas/delivery.schema';
import type { BatchRow } from '#shared/use-cases/deliveries';

export function parseBatchRows(schema: typeof DeliveryBatchRow, records: readonly unknown[]): BatchRow[] {
  return records.map((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      const { recordId, ...input } = parsed.data;
      return { index, recordId, input };
    }
    const problem = fromZod('body', parsed.error, schema);
    const recordId =
      raw !== null && typeof raw === 'object' && typeof (raw as { recordId?: unknown }).recordId === 'string'
        ? (raw as { recordId: string }).recordId.slice(0, 64)
        : undefined;
    return {
      index,
      ...(recordId !== undefined ? { recordId } : {}),
      errors: (problem.extra.errors ?? []).map((e) => ({
        field: `records.${index}.${e.field === 'body' ? '' : e.field}`.replace(/\.$/, ''),
        detail: e.detail,
      })),
    };
  });
}
