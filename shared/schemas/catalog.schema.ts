import { count, decimal } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

export const Indicator = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      code: z.string().check(z.regex(/^[a-z0-9_]{2,40}$/)),
      description: z.string().check(z.minLength(1), z.maxLength(500)),
      unit: z.string().check(z.minLength(1), z.maxLength(40)),
      target: described(
        decimal(-1_000_000_000, 1_000_000_000, 4),
        'in the unit: −1 000 000 000 to 1 000 000 000, at most 4 decimals',
      ),
      comparison: described(
        z.enum(['>=', '<=', '=']),
        'how a measured value is judged against target at acceptance',
      ),
    }),
    'Indicator',
    'A measurable indicator of a service standard (R-CAT-4)',
  ))();

export const ServiceStandard = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      summary: z.string().check(z.minLength(1), z.maxLength(2000)),
      indicators: z.array(Indicator).check(z.minLength(1), z.maxLength(30)),
    }),
    'ServiceStandard',
  ))();

export const CatalogGroup = /* @__PURE__ */ (() =>
  described(
    z.enum(['A', 'B', 'C']),
    'R-CAT-1: A handling, B coordination/support, C services to recipients',
  ))();

const CatalogCode = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.regex(/^[A-C]-[A-Z0-9-]{2,30}$/, 'code is <group>-<UPPERCASE>, e.g. C-MEAL-DELIVERY')))();

export const CatalogItem = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      code: z.string(),
      group: CatalogGroup,
      nameZh: z.string(),
      nameEn: z.string(),
      standard: ServiceStandard,
      origin: described(
        z.enum(['policy', 'district']),
        'policy: listed by R-CAT-1; district: added under R-CAT-2',
      ),
      version: count(),
    }),
    'CatalogItem',
  ),
);

export const NegativeListEntry = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      reason: z.string(),
      keywords: z.array(z.string()),
    }),
    'NegativeListEntry',
    'R-CAT-3: matters that may not be purchased',
  ),
);

export const CatalogResponse = /* @__PURE__ */ deferred(() =>
  component(
    z.object({ items: z.array(CatalogItem()), negativeList: z.array(NegativeListEntry()) }),
    'Catalog',
  ),
);

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const AddCatalogItemBody = /* @__PURE__ */ (() =>
  component(
    z
      .strictObject({
        code: CatalogCode,
        group: CatalogGroup,
        nameZh: trimmed(2, 60),
        nameEn: trimmed(2, 120),
        standard: ServiceStandard,
      })
      .check(
        z.refine((b) => b.code.startsWith(`${b.group}-`), {
          path: ['code'],
          message: 'code must start with its group',
        }),
      ),
    'AddCatalogItem',
  ))();

export const CatalogCodeParams = /* @__PURE__ */ (() => z.object({ code: CatalogCode }))();

export const RefineStandardBody = ServiceStandard;
