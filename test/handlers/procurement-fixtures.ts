/** Stored items of issue 3 §1–2 (budget lines, rules, projects) shaped as the record store writes them. */
import { keys } from '#shared/adapters/dynamodb/keys';
import type { BudgetLine } from '#shared/domain/budget';
import type { CatalogItem, NegativeListEntry } from '#shared/domain/catalog';
import { NEGATIVE_LIST, POLICY_CATALOG } from '#shared/domain/catalog-seed';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import type { ProcurementRules } from '#shared/domain/procurement-rules';
import { defaultRules } from '#shared/domain/procurement-rules';
import type { Project } from '#shared/domain/project';
import { head } from './support';

export const LINE_ID = 'bl_01jabcdefg0123456789';
export const PROJECT_ID = 'prj_01jabcdefg0123456789';
export const CREATED = '2025-03-01T09:00:00.000+08:00';

export const financeClaims = { sub: 'u-finance', 'cognito:groups': '[finance]', purchaserId: 'pur-district' };
export const otherTownClaims = { sub: 'u-town-2', 'cognito:groups': '[town]', purchaserId: 'pur-town-2' };
export const secondBureauClaims = {
  sub: 'u-bureau-2',
  'cognito:groups': '[bureau]',
  purchaserId: 'pur-district',
};

export function budgetLine(overrides: Partial<BudgetLine> = {}): BudgetLine {
  return {
    id: LINE_ID,
    purchaserId: 'pur-town-1',
    fiscalYear: 2025,
    source: 'special_funds',
    amount: 50_000_000,
    committed: 0,
    paid: 0,
    available: 50_000_000,
    unpaid: 0,
    currency: 'CNY',
    createdBy: { sub: 'u-town', role: 'town' },
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export const budgetLineItem = (l: BudgetLine, seq = 1) => ({
  ...keys.budgetLine(l.id),
  ...keys.budgetLineIndex(l.purchaserId, l.fiscalYear, l.createdAt, l.id),
  recordType: 'budget-line',
  ...l,
  ...head(seq),
});

export const purchaserItem = (id: string) => {
  const p = DEMO_DISTRICT.find((x) => x.id === id);
  if (!p) throw new Error(`no demo purchaser ${id}`);
  return { ...keys.purchaser(id), ...keys.purchaserIndex(p.level, id), recordType: 'purchaser', ...p };
};

export const rulesItem = (r: ProcurementRules, seq = r.version) => ({
  ...keys.procurementRules(r.purchaserId),
  recordType: 'procurement-rules',
  ...r,
  ...head(seq),
});

export const storedRules = (overrides: Partial<ProcurementRules> = {}): ProcurementRules => ({
  ...defaultRules('pur-town-1'),
  version: 2,
  updatedAt: CREATED,
  updatedBy: { sub: 'u-bureau', role: 'bureau' },
  ...overrides,
});

const itemRow = (item: CatalogItem) => ({
  ...keys.catalogItem(item.code),
  recordType: 'catalog-item',
  ...item,
  kind: 'item',
  ...head(item.version),
});
const negativeRow = (entry: NegativeListEntry) => ({
  ...keys.negativeListEntry(entry.code),
  recordType: 'negative-list',
  ...entry,
  kind: 'negative',
});
export const catalogRows = [...POLICY_CATALOG.map(itemRow), ...NEGATIVE_LIST.map(negativeRow)];

export const caregiving = POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING') as CatalogItem;

/** A request body for a project on LINE_ID (pur-town-1, 2025). */
export const projectBody = (overrides: Record<string, unknown> = {}) => ({
  purchaserId: 'pur-town-1',
  title: '东山镇特困人员照料护理服务',
  catalogCode: 'C-CAREGIVING',
  budgetLineId: LINE_ID,
  estimatedAmount: 30_000_000,
  quantity: { value: 1200, unit: '小时' },
  term: { start: '2025-05-01', end: '2025-12-31' },
  procurementMethod: 'competitive_consultation',
  evaluationCriteria: {
    quality: [
      { code: 'service_plan', description: '服务方案', weight: 50 },
      { code: 'team', description: '团队与资质', weight: 25 },
    ],
    priceWeight: 25,
  },
  ...overrides,
});

export function project(overrides: Partial<Project> = {}): Project {
  const town = { sub: 'u-town', role: 'town' };
  return {
    id: PROJECT_ID,
    purchaserId: 'pur-town-1',
    fiscalYear: 2025,
    title: '东山镇特困人员照料护理服务',
    catalogCode: 'C-CAREGIVING',
    budgetLineId: LINE_ID,
    estimatedAmount: 30_000_000,
    currency: 'CNY',
    quantity: { value: 1200, unit: '小时' },
    term: { start: '2025-05-01', end: '2025-12-31' },
    serviceStandard: caregiving.standard,
    serviceStandardRefined: false,
    procurementMethod: 'competitive_consultation',
    invitedContractorIds: [],
    allowNaturalPersons: false,
    evaluationCriteria: {
      quality: [
        { code: 'service_plan', description: '服务方案', weight: 50 },
        { code: 'team', description: '团队与资质', weight: 25 },
      ],
      priceWeight: 25,
    },
    status: 'draft',
    timeline: [{ at: CREATED, status: 'draft', event: 'created', by: town }],
    createdBy: town,
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export const projectItem = (p: Project, seq = p.version) => ({
  ...keys.project(p.id),
  ...keys.projectIndex(p.purchaserId, p.status, p.createdAt, p.id),
  recordType: 'project',
  ...p,
  ...head(seq),
});
