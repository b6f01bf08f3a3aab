/** API view of a purchaser's procurement rules: the stored numbers plus what the law fixes per method. */
import type * as z from '#shared/schemas/zod';
import type { ProcurementRules } from '#shared/domain/procurement-rules';
import { METHOD_NAME_ZH, PROCUREMENT_METHODS, periodUnit } from '#shared/domain/procurement-rules';
import type { ProcurementRules as RulesSchema } from '#shared/schemas/procurement-rules.schema';

type View = z.infer<ReturnType<typeof RulesSchema>>;

export function rulesView(r: ProcurementRules, periodOverrideSeconds: number | undefined): View {
  const methods = Object.fromEntries(
    PROCUREMENT_METHODS.map((m) => [
      m,
      {
        nameZh: METHOD_NAME_ZH[m],
        minimumPeriodDays: r.methods[m].minimumPeriodDays,
        periodUnit: periodUnit(m),
        minimumBidders: r.methods[m].minimumBidders,
      },
    ]),
  ) as View['methods'];
  return {
    purchaserId: r.purchaserId,
    procurementLawThreshold: r.procurementLawThreshold,
    priceWeight: r.priceWeight,
    methods,
    invitedTenderMinimumInvitees: r.invitedTenderMinimumInvitees,
    singleSourceRationaleMinLength: r.singleSourceRationaleMinLength,
    holidays: r.holidays,
    configured: r.version > 0,
    ...(periodOverrideSeconds !== undefined ? { periodOverrideSeconds } : {}),
    version: r.version,
    ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}),
  };
}
