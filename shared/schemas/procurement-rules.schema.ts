import { count, instant, IsoDate, percentage, wholeNumber } from './common.schema';
import { fen } from './budget.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const MethodRuleInput = /* @__PURE__ */ (() =>
  z.strictObject({
    minimumPeriodDays: described(
      wholeNumber(0, 365),
      'days (calendar or working, per method) from publication to the deadline; never below the law',
    ),
    minimumBidders: described(wholeNumber(1, 50), 'valid bids needed at the deadline'),
  }))();

const methodsOf = <T extends z.ZodMiniType>(rule: T) =>
  z.strictObject({
    open_tender: rule,
    invited_tender: rule,
    competitive_consultation: rule,
    competitive_negotiation: rule,
    single_source: rule,
  });

const Common = /* @__PURE__ */ (() => ({
  procurementLawThreshold: fen(
    'fen; above it a procurement-law method is required (R-PROC-2); default 100 000 000 (¥1,000,000)',
  ),
  priceWeight: described(
    z.strictObject({ min: percentage(), max: percentage() }),
    'R-PROC-3: bounds of the price weight in percent, each inside the frame 10–30 % for services; configuration may narrow it, never widen it; quality criteria carry the rest',
  ),
  invitedTenderMinimumInvitees: wholeNumber(1, 50),
  singleSourceRationaleMinLength: described(
    wholeNumber(1, 2000),
    'characters of written rationale a single-source project needs',
  ),
  holidays: described(
    z.array(IsoDate).check(z.maxLength(100)),
    'public holidays that are not working days (weekends never are)',
  ),
}))();

export const ProcurementRulesBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ ...Common, methods: methodsOf(MethodRuleInput) }),
    'ProcurementRulesInput',
    'The whole rule set of a purchaser; the law’s minimums are floors (R-PROC-2)',
  ))();

export const ProcurementRules = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      purchaserId: z.string(),
      ...Common,
      methods: methodsOf(
        z.object({
          nameZh: z.string(),
          minimumPeriodDays: wholeNumber(0, 365),
          periodUnit: z.enum(['calendar_days', 'working_days']),
          minimumBidders: wholeNumber(1, 50),
        }),
      ),
      configured: described(z.boolean(), 'false while the purchaser runs on the defaults'),
      periodOverrideSeconds: z.optional(
        described(
          count(),
          'set by deployment configuration on the embedded stack and in tests only: every minimum period lasts this many seconds',
        ),
      ),
      version: described(count(), '0 for the defaults: send If-Match "0" to store the first configuration'),
      updatedAt: z.optional(instant('when the configuration last changed; absent while on the defaults')),
    }),
    'ProcurementRules',
  ),
);
