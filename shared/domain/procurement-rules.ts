/**
 * Procurement method rules per purchaser (R-PROC-2, R-PROC-3), with defaults from Chinese procurement
 * practice. Statutory minimums are floors: a purchaser may configure stricter values, never looser ones;
 * the only way to shorten periods is the deployment setting MINIMUM_PERIOD_SECONDS_OVERRIDE (embedded
 * stack and tests), which every runtime reads the same way.
 */
import type { Actor } from './audit-chain';
import { DomainError } from './errors';

export const PROCUREMENT_METHODS = [
  'open_tender',
  'invited_tender',
  'competitive_consultation',
  'competitive_negotiation',
  'single_source',
] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

export const METHOD_NAME_ZH: Record<ProcurementMethod, string> = {
  open_tender: '公开招标',
  invited_tender: '邀请招标',
  competitive_consultation: '竞争性磋商',
  competitive_negotiation: '竞争性谈判',
  single_source: '单一来源采购',
};

/**
 * R-PROC-2: the methods of procurement law. A project above the purchaser's threshold must use one of them;
 * every method this system offers is one, so the rule holds by construction until a below-threshold
 * method is added (kept as a check so that addition cannot slip past it).
 */
export const PROCUREMENT_LAW_METHODS: readonly ProcurementMethod[] = PROCUREMENT_METHODS;

export type PeriodUnit = 'calendar_days' | 'working_days';

export interface MethodRule {
  minimumPeriodDays: number;
  minimumBidders: number;
}

/**
 * The law's minimums. Periods: open and invited tender ≥ 20 days from issuing the documents to the deadline
 * (招标投标法 第二十四条, 财政部令第87号); consultation ≥ 10 days (财库〔2014〕214号); negotiation ≥ 3 working
 * days (财政部令第74号); single source: public notice ≥ 5 working days (令第74号 第三十八条). Bidders: at least
 * three for competitive methods (政府采购法 第三十四、三十八条), one for single source.
 */
export const STATUTORY: Record<ProcurementMethod, MethodRule & { periodUnit: PeriodUnit }> = {
  open_tender: { minimumPeriodDays: 20, periodUnit: 'calendar_days', minimumBidders: 3 },
  invited_tender: { minimumPeriodDays: 20, periodUnit: 'calendar_days', minimumBidders: 3 },
  competitive_consultation: { minimumPeriodDays: 10, periodUnit: 'calendar_days', minimumBidders: 3 },
  competitive_negotiation: { minimumPeriodDays: 3, periodUnit: 'working_days', minimumBidders: 3 },
  single_source: { minimumPeriodDays: 5, periodUnit: 'working_days', minimumBidders: 1 },
};

/** 政府采购法 第三十四条: an invited tender invites at least three suppliers. */
export const STATUTORY_MINIMUM_INVITEES = 3;

export interface ProcurementRules {
  purchaserId: string;
  /** Fen; above it a procurement-law method is required (采购限额标准, default ¥1,000,000). */
  procurementLawThreshold: number;
  /** R-PROC-3: bounds of the price weight in percent; quality criteria carry the rest. */
  priceWeight: { min: number; max: number };
  methods: Record<ProcurementMethod, MethodRule>;
  invitedTenderMinimumInvitees: number;
  singleSourceRationaleMinLength: number;
  /** Public holidays (YYYY-MM-DD) that do not count as working days; weekends never do. */
  holidays: string[];
  /** 0 while the purchaser runs on the defaults (nothing stored yet). */
  version: number;
  updatedAt?: string;
  updatedBy?: Actor;
}

export type RulesInput = Omit<ProcurementRules, 'purchaserId' | 'version' | 'updatedAt' | 'updatedBy'>;

/**
 * R-PROC-3, "不能简单以'价低者得'": the frame every price weight stays in, in percent of the total score. A
 * purchaser's configuration may narrow it, never widen it (`configureRules`), and every project's criteria are
 * checked against the purchaser's bounds inside it (`priceWeightInFrame`, read by `loadRules`).
 *
 * Where the figures come from (the district's policy names no number, only the principle):
 * - the floor, 10 %: national law for service projects, 财政部令第87号《政府采购货物和服务招标投标管理办法》
 *   第五十五条 ("服务项目的价格分值占总分值的比重不得低于10%"; goods 30 %);
 * - the cap, 30 %: national rules set it for competitive consultation only, 财库〔2014〕214号《政府采购竞争性磋商
 *   采购方式管理暂行办法》第二十四条 ("服务项目的价格分值占总分值的比重（即权值）为10%至30%"), as did the tender rules
 *   before 87号令 replaced them (财政部令第18号 第五十二条). Applying it to every method is this project's reading of
 *   the policy's "not lowest price wins" (see docs/policy-rules.md), not a national figure for open tenders.
 * Everything this system buys is a service, so there is one frame; goods would need their own.
 */
export const PRICE_WEIGHT_FRAME: Readonly<{ min: number; max: number }> = Object.freeze({ min: 10, max: 30 });

const FRAME_TEXT = `${PRICE_WEIGHT_FRAME.min}–${PRICE_WEIGHT_FRAME.max} %`;

export const DEFAULT_RULES: RulesInput = {
  procurementLawThreshold: 100_000_000,
  // R-PROC-3: the whole frame until the purchaser narrows it (see PRICE_WEIGHT_FRAME for the sources).
  priceWeight: { min: PRICE_WEIGHT_FRAME.min, max: PRICE_WEIGHT_FRAME.max },
  methods: {
    open_tender: { minimumPeriodDays: 20, minimumBidders: 3 },
    invited_tender: { minimumPeriodDays: 20, minimumBidders: 3 },
    competitive_consultation: { minimumPeriodDays: 10, minimumBidders: 3 },
    competitive_negotiation: { minimumPeriodDays: 3, minimumBidders: 3 },
    single_source: { minimumPeriodDays: 5, minimumBidders: 1 },
  },
  invitedTenderMinimumInvitees: 3,
  singleSourceRationaleMinLength: 50,
  holidays: [],
};

export const defaultRules = (purchaserId: string): ProcurementRules => ({
  purchaserId,
  ...structuredClone(DEFAULT_RULES),
  version: 0,
});

const refused = (field: string, message: string) =>
  new DomainError('refused', `${field}: ${message}`, { field, rule: 'R-PROC-2' });

/** A bureau's new configuration, checked against the law's floors (R-PROC-2) and the price bound (R-PROC-3). */
export function configureRules(
  current: ProcurementRules,
  input: RulesInput,
  ctx: { actor: Actor; now: string },
): ProcurementRules {
  for (const method of PROCUREMENT_METHODS) {
    const floor = STATUTORY[method];
    const rule = input.methods[method];
    if (rule.minimumPeriodDays < floor.minimumPeriodDays) {
      throw refused(
        `methods.${method}.minimumPeriodDays`,
        `${METHOD_NAME_ZH[method]} needs at least ${floor.minimumPeriodDays} ${floor.periodUnit.replace('_', ' ')} by law`,
      );
    }
    if (rule.minimumBidders < floor.minimumBidders) {
      throw refused(
        `methods.${method}.minimumBidders`,
        `${METHOD_NAME_ZH[method]} needs at least ${floor.minimumBidders} bidders by law`,
      );
    }
  }
  if (input.invitedTenderMinimumInvitees < STATUTORY_MINIMUM_INVITEES) {
    throw refused(
      'invitedTenderMinimumInvitees',
      `an invited tender names at least ${STATUTORY_MINIMUM_INVITEES} contractors by law`,
    );
  }
  checkPriceWeightBounds(input.priceWeight);
  return {
    purchaserId: current.purchaserId,
    ...structuredClone(input),
    holidays: [...new Set(input.holidays)].sort(),
    version: current.version + 1,
    updatedAt: ctx.now,
    updatedBy: ctx.actor,
  };
}

// Written so that NaN is outside too.
const inFrame = (weight: number) => weight >= PRICE_WEIGHT_FRAME.min && weight <= PRICE_WEIGHT_FRAME.max;

const outsideFrame = (field: string, message: string) =>
  new DomainError('invalid', `${field}: ${message}`, { field, rule: 'R-PROC-3' });

/**
 * R-PROC-3: configured bounds narrow the frame, never widen it, so price can never decide the award alone
 * (a 90–99 % configuration is refused here, whatever the schema lets through).
 */
function checkPriceWeightBounds({ min, max }: { min: number; max: number }): void {
  if (!inFrame(min)) {
    throw outsideFrame(
      'priceWeight.min',
      `${min} % is outside the frame ${FRAME_TEXT} for service projects; configuration may only narrow it (不能简单以“价低者得”)`,
    );
  }
  if (!inFrame(max)) {
    throw outsideFrame(
      'priceWeight.max',
      `${max} % is outside the frame ${FRAME_TEXT} for service projects; configuration may only narrow it (不能简单以“价低者得”)`,
    );
  }
  if (min > max) throw outsideFrame('priceWeight.min', `${min} must not exceed priceWeight.max (${max})`);
}

/**
 * R-PROC-3 on every path that sets a price weight: the bounds a project's criteria are checked against are the
 * stored ones inside the frame. Rules stored before the frame was enforced may lie partly or wholly outside it:
 * the overlap is kept, and where there is none the frame itself applies, so no stored record widens it.
 */
export function priceWeightInFrame(rules: ProcurementRules): ProcurementRules {
  const min = Math.max(rules.priceWeight.min, PRICE_WEIGHT_FRAME.min);
  const max = Math.min(rules.priceWeight.max, PRICE_WEIGHT_FRAME.max);
  const priceWeight = min <= max ? { min, max } : { ...PRICE_WEIGHT_FRAME };
  return { ...rules, priceWeight };
}

export const periodUnit = (method: ProcurementMethod): PeriodUnit => STATUTORY[method].periodUnit;

// ---- periods: day arithmetic on Asia/Shanghai calendar dates (YYYY-MM-DD) ----

const DAY_MS = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Saturday and Sunday never count; configured holidays neither. (Make-up working weekends are not modelled.) */
export function isWorkingDay(date: string, holidays: readonly string[] = []): boolean {
  const weekday = new Date(toDay(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(date);
}

export const addCalendarDays = (date: string, days: number): string => fromDay(toDay(date) + days * DAY_MS);

/** The date on which the `days`-th working day after `date` falls (`date` itself is not counted). */
export function addWorkingDays(date: string, days: number, holidays: readonly string[] = []): string {
  let day = date;
  for (let counted = 0; counted < days;) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, holidays)) counted++;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string, holidays: readonly string[] = []): number {
  let count = 0;
  for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day, holidays)) count++;
  }
  return count;
}

/**
 * The earliest tender deadline (or end of the single-source notice) for a notice published on
 * `publishedOn` (Shanghai date), as a Shanghai date: the publication day is not counted (民法典 第二百零一条),
 * and the deadline may fall on the last counted day, as procurement practice reads "不得少于N日".
 */
export function earliestDeadlineDate(
  method: ProcurementMethod,
  publishedOn: string,
  rules: Pick<ProcurementRules, 'methods' | 'holidays'>,
): string {
  const days = rules.methods[method].minimumPeriodDays;
  return periodUnit(method) === 'working_days'
    ? addWorkingDays(publishedOn, days, rules.holidays)
    : addCalendarDays(publishedOn, days);
}

/**
 * The earliest instant a deadline may be set for a notice published at `publishedAt`. With the deployment's
 * seconds override (embedded stack, tests) every period is that many seconds instead.
 */
export function earliestDeadline(
  method: ProcurementMethod,
  publishedAt: Date,
  rules: Pick<ProcurementRules, 'methods' | 'holidays'>,
  overrideSeconds?: number,
): Date {
  if (overrideSeconds !== undefined) return new Date(publishedAt.getTime() + overrideSeconds * 1000);
  const publishedOn = new Date(publishedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${earliestDeadlineDate(method, publishedOn, rules)}T00:00:00+08:00`);
}
