import * as z from './zod';
import { component, described } from './zod';

const FieldError = /* @__PURE__ */ (() =>
  z.object({
    in: z.enum(['body', 'query', 'path', 'header']),
    field: described(z.string(), 'dot path of the offending field, e.g. contact.phone'),
    pointer: described(z.string(), 'JSON pointer into the request part, e.g. #/contact/phone'),
    detail: z.string(),
  }))();

export const Problem = /* @__PURE__ */ (() =>
  component(
    z.object({
      type: z.string(),
      title: z.string(),
      status: z.number().check(z.int()),
      detail: z.optional(z.string()),
      instance: z.optional(z.string()),
      rule: z.optional(described(z.string(), 'the requirement ID that refused the request, e.g. R-CAT-3')),
      errors: z.optional(z.array(FieldError)),
    }),
    'Problem',
    'RFC 9457 problem details',
  ))();

export const PageQuery = /* @__PURE__ */ (() =>
  z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }))();

export const RecordId = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[0-9A-Za-z_-]{6,40}$/, 'not a valid id')))();

export const IdParams = /* @__PURE__ */ (() => z.object({ id: RecordId }))();

export const IsoDate = /* @__PURE__ */ (() =>
  described(z.iso.date(), 'calendar date, YYYY-MM-DD, Asia/Shanghai'))();
export const IsoDateTime = /* @__PURE__ */ (() => z.iso.datetime({ offset: true }))();
