// Namespace import: lets esbuild drop the parts of zod (locales) no schema uses.
import * as z from 'zod';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'path', 'header']),
          field: z.string().describe('dot path of the offending field, e.g. contact.phone'),
          pointer: z.string().describe('JSON pointer into the request part, e.g. #/contact/phone'),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const IdParams = z.object({ id: z.string().regex(/^[0-9A-Za-z_-]{6,40}$/, 'not a valid id') });

export const Money = z.object({
  amount: z.number().int().nonnegative().describe('integer fen (分)'),
  currency: z.literal('CNY'),
});

export const IsoDate = z.iso.date().describe('calendar date, YYYY-MM-DD, Asia/Shanghai');
export const IsoDateTime = z.iso.datetime({ offset: true });
