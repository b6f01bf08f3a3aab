import { describe, expect, it } from 'vitest';
import type { RulesInput } from '#shared/domain/procurement-rules';
import {
  DEFAULT_RULES,
  METHOD_NAME_ZH,
  PRICE_WEIGHT_FRAME,
  PROCUREMENT_METHODS,
  STATUTORY,
  addCalendarDays,
  addWorkingDays,
  configureRules,
  defaultRules,
  earliestDeadline,
  earliestDeadlineDate,
  isWorkingDay,
  priceWeightInFrame,
  workingDaysBetween,
} from '#shared/domain/procurement-rules';

const ACTOR = { sub: 'u-bureau', role: 'bureau' };
const NOW = '2025-03-10T10:00:00.000+08:00';
const input = (change: (r: RulesInput) => void = () => undefined): RulesInput => {
  const copy = structuredClone(DEFAULT_RULES);
  change(copy);
  return copy;
};

describe('default procurement rules (R-PROC-2, R-PROC-3)', () => {
  it('follow Chinese practice: ¥1,000,000 threshold, 20/20/10 days, 3 and 5 working days, 3 bidders, price 10–30 %', () => {
    const rules = defaultRules('pur-town-1');
    expect(rules).toMatchObject({
      purchaserId: 'pur-town-1',
      procurementLawThreshold: 100_000_000,
      priceWeight: { min: 10, max: 30 },
      invitedTenderMinimumInvitees: 3,
      singleSourceRationaleMinLength: 50,
      version: 0,
    });
    expect(rules.methods).toEqual({
      open_tender: { minimumPeriodDays: 20, minimumBidders: 3 },
      invited_tender: { minimumPeriodDays: 20, minimumBidders: 3 },
      competitive_consultation: { minimumPeriodDays: 10, minimumBidders: 3 },
      competitive_negotiation: { minimumPeriodDays: 3, minimumBidders: 3 },
      single_source: { minimumPeriodDays: 5, minimumBidders: 1 },
    });
    expect(STATUTORY.competitive_negotiation.periodUnit).toBe('working_days');
    expect(STATUTORY.single_source.periodUnit).toBe('working_days');
    expect(STATUTORY.open_tender.periodUnit).toBe('calendar_days');
  });

  it('are a fresh copy per purchaser, so configuring one never changes the defaults', () => {
    const rules = defaultRules('pur-town-1');
    rules.methods.open_tender.minimumPeriodDays = 99;
    expect(defaultRules('pur-town-2').methods.open_tender.minimumPeriodDays).toBe(20);
  });
});

describe('configuring rules: the law is a floor (R-PROC-2)', () => {
  it('stores a stricter configuration as the next version, holidays de-duplicated and sorted', () => {
    const next = configureRules(
      defaultRules('pur-district'),
      input((r) => {
        r.procurementLawThreshold = 200_000_000;
        r.methods.open_tender.minimumPeriodDays = 25;
        r.holidays = ['2025-10-02', '2025-10-01', '2025-10-01'];
      }),
      { actor: ACTOR, now: NOW },
    );
    expect(next).toMatchObject({
      purchaserId: 'pur-district',
      procurementLawThreshold: 200_000_000,
      holidays: ['2025-10-01', '2025-10-02'],
      version: 1,
      updatedAt: NOW,
      updatedBy: ACTOR,
    });
    expect(next.methods.open_tender.minimumPeriodDays).toBe(25);
  });

  it.each(PROCUREMENT_METHODS)('refuses a %s period shorter than the law, naming the field', (method) => {
    const rules = input((r) => {
      r.methods[method].minimumPeriodDays = STATUTORY[method].minimumPeriodDays - 1;
    });
    const unit = STATUTORY[method].periodUnit === 'working_days' ? 'working days' : 'calendar days';
    expect(() => configureRules(defaultRules('p'), rules, { actor: ACTOR, now: NOW })).toThrow(
      expect.objectContaining({
        code: 'refused',
        message: `methods.${method}.minimumPeriodDays: ${METHOD_NAME_ZH[method]} needs at least ${STATUTORY[method].minimumPeriodDays} ${unit} by law`,
        details: { field: `methods.${method}.minimumPeriodDays`, rule: 'R-PROC-2' },
      }),
    );
  });

  it.each(PROCUREMENT_METHODS)('refuses fewer %s bidders than the law', (method) => {
    const rules = input((r) => {
      r.methods[method].minimumBidders = STATUTORY[method].minimumBidders - 1;
    });
    expect(() => configureRules(defaultRules('p'), rules, { actor: ACTOR, now: NOW })).toThrow(
      expect.objectContaining({
        message: `methods.${method}.minimumBidders: ${METHOD_NAME_ZH[method]} needs at least ${STATUTORY[method].minimumBidders} bidders by law`,
        details: { field: `methods.${method}.minimumBidders`, rule: 'R-PROC-2' },
      }),
    );
  });

  it('refuses an invited tender with fewer than three invitees', () => {
    const rules = input((r) => {
      r.invitedTenderMinimumInvitees = 2;
    });
    expect(() => configureRules(defaultRules('p'), rules, { actor: ACTOR, now: NOW })).toThrow(
      expect.objectContaining({
        message: 'invitedTenderMinimumInvitees: an invited tender names at least 3 contractors by law',
        details: { field: 'invitedTenderMinimumInvitees', rule: 'R-PROC-2' },
      }),
    );
  });

  it('R-PROC-3: refuses a price weight floor above its cap', () => {
    const rules = input((r) => {
      r.priceWeight = { min: 25, max: 15 };
    });
    expect(() => configureRules(defaultRules('p'), rules, { actor: ACTOR, now: NOW })).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: 'priceWeight.min: 25 must not exceed priceWeight.max (15)',
        details: { field: 'priceWeight.min', rule: 'R-PROC-3' },
      }),
    );
  });
});

describe('the price-weight frame: configuration narrows it, never widens it (R-PROC-3)', () => {
  const configure = (priceWeight: { min: number; max: number }) =>
    configureRules(
      defaultRules('p'),
      input((r) => {
        r.priceWeight = priceWeight;
      }),
      { actor: ACTOR, now: NOW },
    );
  const outside = (field: string) =>
    expect.objectContaining({
      code: 'invalid',
      message: expect.stringContaining('10–30 %'),
      details: { field, rule: 'R-PROC-3' },
    });

  it('is 10–30 % for services, the defaults being the whole frame', () => {
    expect(PRICE_WEIGHT_FRAME).toEqual({ min: 10, max: 30 });
    expect(DEFAULT_RULES.priceWeight).toEqual(PRICE_WEIGHT_FRAME);
  });

  it('refuses 90–99 %, which would let the lowest price decide, naming priceWeight.min and the frame', () => {
    expect(() => configure({ min: 90, max: 99 })).toThrow(outside('priceWeight.min'));
  });

  it.each([
    [{ min: 0, max: 30 }, 'priceWeight.min'],
    [{ min: 9, max: 20 }, 'priceWeight.min'],
    [{ min: 31, max: 31 }, 'priceWeight.min'],
    [{ min: 10, max: 31 }, 'priceWeight.max'],
    [{ min: 15, max: 100 }, 'priceWeight.max'],
    [{ min: 10, max: 9 }, 'priceWeight.max'],
    [{ min: Number.NaN, max: 20 }, 'priceWeight.min'],
    [{ min: 10, max: Number.NaN }, 'priceWeight.max'],
  ])('refuses %o: a bound outside the frame names %s', (priceWeight, field) => {
    expect(() => configure(priceWeight)).toThrow(outside(field));
  });

  it.each([
    { min: 10, max: 30 },
    { min: 10, max: 10 },
    { min: 30, max: 30 },
    { min: 15, max: 25 },
  ])('stores the narrower %o', (priceWeight) => {
    expect(configure(priceWeight).priceWeight).toEqual(priceWeight);
  });

  it('keeps rules stored before the frame was enforced inside it: the overlap, or the frame where there is none', () => {
    const stored = (priceWeight: { min: number; max: number }) =>
      priceWeightInFrame({ ...defaultRules('p'), priceWeight, version: 4 });
    expect(stored({ min: 90, max: 99 }).priceWeight).toEqual({ min: 10, max: 30 });
    expect(stored({ min: 0, max: 100 }).priceWeight).toEqual({ min: 10, max: 30 });
    expect(stored({ min: 5, max: 20 }).priceWeight).toEqual({ min: 10, max: 20 });
    expect(stored({ min: 25, max: 60 }).priceWeight).toEqual({ min: 25, max: 30 });
    expect(stored({ min: 30, max: 60 }).priceWeight).toEqual({ min: 30, max: 30 });
    expect(stored({ min: 0, max: 10 }).priceWeight).toEqual({ min: 10, max: 10 });
    expect(stored({ min: 15, max: 25 })).toMatchObject({ priceWeight: { min: 15, max: 25 }, version: 4 });
  });
});

describe('counting days for minimum periods (R-PROC-2)', () => {
  it('counts Monday to Friday as working days, and configured holidays as not', () => {
    expect(['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10'].map((d) => isWorkingDay(d))).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(isWorkingDay('2025-10-01', ['2025-10-01'])).toBe(false);
  });

  it('does not count the day of publication, and skips weekends', () => {
    // Monday + 3 working days → Thursday; Friday + 3 → Wednesday; Thursday + 5 → next Thursday.
    expect(addWorkingDays('2025-03-10', 3)).toBe('2025-03-13');
    expect(addWorkingDays('2025-03-14', 3)).toBe('2025-03-19');
    expect(addWorkingDays('2025-03-13', 5)).toBe('2025-03-20');
    // Published on a Saturday: Monday is the first day counted.
    expect(addWorkingDays('2025-03-15', 1)).toBe('2025-03-17');
  });

  it('skips holidays such as National Day week', () => {
    const golden = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'];
    expect(addWorkingDays('2025-09-30', 3, golden)).toBe('2025-10-13');
    expect(workingDaysBetween('2025-09-30', '2025-10-13', golden)).toBe(3);
  });

  it('counts working days between two dates, the first excluded', () => {
    expect(workingDaysBetween('2025-03-10', '2025-03-17')).toBe(5);
    expect(workingDaysBetween('2025-03-14', '2025-03-16')).toBe(0);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2025-01-25', 20)).toBe('2025-02-14');
    expect(addCalendarDays('2024-12-20', 20)).toBe('2025-01-09');
    expect(addCalendarDays('2024-02-20', 10)).toBe('2024-03-01');
  });

  it('gives the earliest deadline date per method: 20 / 20 / 10 calendar days, 3 / 5 working days', () => {
    const rules = defaultRules('p');
    const published = '2025-03-14'; // a Friday
    expect(earliestDeadlineDate('open_tender', published, rules)).toBe('2025-04-03');
    expect(earliestDeadlineDate('invited_tender', published, rules)).toBe('2025-04-03');
    expect(earliestDeadlineDate('competitive_consultation', published, rules)).toBe('2025-03-24');
    expect(earliestDeadlineDate('competitive_negotiation', published, rules)).toBe('2025-03-19');
    expect(earliestDeadlineDate('single_source', published, rules)).toBe('2025-03-21');
  });

  it('reads the publication day in Asia/Shanghai and answers the start of the deadline day there', () => {
    // 2025-03-13T17:00Z is already Friday 01:00 in Shanghai.
    const deadline = earliestDeadline(
      'competitive_negotiation',
      new Date('2025-03-13T17:00:00Z'),
      defaultRules('p'),
    );
    expect(deadline.toISOString()).toBe('2025-03-18T16:00:00.000Z');
  });

  it('uses the deployment seconds override for every method when it is set (embedded stack, tests)', () => {
    const published = new Date('2025-03-14T02:00:00Z');
    for (const method of PROCUREMENT_METHODS) {
      expect(earliestDeadline(method, published, defaultRules('p'), 90).toISOString()).toBe(
        '2025-03-14T02:01:30.000Z',
      );
    }
  });
});
