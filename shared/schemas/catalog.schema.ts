// Namespace import: lets esbuild drop the parts of zod (locales) no schema uses.
import * as z from 'zod';

export const Indicator = z
  .object({
    code: z.string().regex(/^[a-z0-9_]{2,40}$/),
    description: z.string().min(1).max(500),
    unit: z.string().min(1).max(40),
    target: z.number(),
    comparison: z
      .enum(['>=', '<=', '='])
      .describe('how a measured value is judged against target at acceptance'),
  })
  .meta({ id: 'Indicator', description: 'A measurable indicator of a service standard (R-CAT-4)' });

export const ServiceStandard = z
  .object({
    summary: z.string().min(1).max(2000),
    indicators: z.array(Indicator).min(1).max(30),
  })
  .meta({ id: 'ServiceStandard' });

export const CatalogGroup = z
  .enum(['A', 'B', 'C'])
  .describe('R-CAT-1: A handling, B coordination/support, C services to recipients');

export const CatalogItem = z
  .object({
    code: z.string(),
    group: CatalogGroup,
    nameZh: z.string(),
    nameEn: z.string(),
    standard: ServiceStandard,
    origin: z
      .enum(['policy', 'district'])
      .describe('policy: listed by R-CAT-1; district: added under R-CAT-2'),
    version: z.number().int(),
  })
  .meta({ id: 'CatalogItem' });

export const NegativeListEntry = z
  .object({
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    reason: z.string(),
    keywords: z.array(z.string()),
  })
  .meta({ id: 'NegativeListEntry', description: 'R-CAT-3: matters that may not be purchased' });

export const CatalogResponse = z
  .object({ items: z.array(CatalogItem), negativeList: z.array(NegativeListEntry) })
  .meta({ id: 'Catalog' });

export const AddCatalogItemBody = z
  .object({
    code: z.string().regex(/^[A-C]-[A-Z0-9-]{2,30}$/, 'code is <group>-<UPPERCASE>, e.g. C-MEAL-DELIVERY'),
    group: CatalogGroup,
    nameZh: z.string().trim().min(2).max(60),
    nameEn: z.string().trim().min(2).max(120),
    standard: ServiceStandard,
  })
  .refine((b) => b.code.startsWith(`${b.group}-`), {
    path: ['code'],
    message: 'code must start with its group',
  })
  .meta({ id: 'AddCatalogItem' });

export const CatalogCodeParams = z.object({ code: z.string().regex(/^[A-C]-[A-Z0-9-]{2,30}$/) });

export const RefineStandardBody = ServiceStandard.meta({ id: 'RefineStandard' });
