/**
 * The service catalog (R-CAT-1, R-CAT-2, R-CAT-4) and the negative list (R-CAT-3).
 */
import { DomainError } from './errors';

export type CatalogGroup = 'A' | 'B' | 'C';

export interface Indicator {
  code: string;
  description: string;
  unit: string;
  target: number;
  comparison: '>=' | '<=' | '=';
}

export interface ServiceStandard {
  summary: string;
  indicators: Indicator[];
}

export interface CatalogItem {
  code: string;
  group: CatalogGroup;
  nameZh: string;
  nameEn: string;
  standard: ServiceStandard;
  origin: 'policy' | 'district';
  version: number;
}

export interface NegativeListEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  reason: string;
  /** A catalog item or project whose name holds one of these falls on the entry. */
  keywords: string[];
}

/** R-CAT-3: the entry an item would fall on, if any. Matching is on the names, case-insensitive. */
export function negativeListHit(
  item: Pick<CatalogItem, 'nameZh' | 'nameEn'>,
  negativeList: readonly NegativeListEntry[],
): NegativeListEntry | undefined {
  const haystack = `${item.nameZh}\n${item.nameEn}`.toLowerCase();
  return negativeList.find((entry) => entry.keywords.some((k) => haystack.includes(k.toLowerCase())));
}

export function addDistrictItem(
  input: Omit<CatalogItem, 'origin' | 'version'>,
  existing: { codeTaken: boolean; negativeList: readonly NegativeListEntry[] },
): CatalogItem {
  assertIndicatorsUnique(input.standard);
  if (existing.codeTaken)
    throw new DomainError('duplicate', `code ${input.code} is already in the catalog`, { field: 'code' });
  const hit = negativeListHit(input, existing.negativeList);
  if (hit) {
    throw new DomainError(
      'refused',
      `the item falls on the negative list (${hit.code} ${hit.nameZh}): ${hit.reason}`,
      {
        field: 'nameZh',
        rule: 'R-CAT-3',
      },
    );
  }
  return { ...input, origin: 'district', version: 1 };
}

/** R-CAT-4: indicators are measured one by one at acceptance, so each code appears once. */
function assertIndicatorsUnique(standard: ServiceStandard): void {
  const codes = standard.indicators.map((i) => i.code);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) {
    throw new DomainError('invalid', `standard.indicators: code ${repeated} appears twice`, {
      field: 'standard.indicators',
      rule: 'R-CAT-4',
    });
  }
}

export function refineStandard(item: CatalogItem, standard: ServiceStandard): CatalogItem {
  assertIndicatorsUnique(standard);
  return { ...item, standard, version: item.version + 1 };
}
