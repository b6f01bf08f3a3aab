import { SAFE_FILE_NAME_CHARACTER } from '#shared/domain/file-name';
import { RECORD_ID_PATTERN } from '#shared/domain/ids';
import * as z from './zod';
import { component, deferred, described } from './zod';

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
      status: wholeNumber(400, 599),
      detail: z.optional(z.string()),
      instance: z.optional(z.string()),
      rule: z.optional(described(z.string(), 'the requirement ID that refused the request, e.g. R-CAT-3')),
      errors: z.optional(z.array(FieldError)),
    }),
    'Problem',
    'RFC 9457 problem details',
  ))();

/*
 * Numbers (issue 10 §1). JSON allows any double; DynamoDB stores numbers of at most 38 significant digits between
 * 1e-130 and 1e126, and the SDK's marshaller refuses integers beyond 2^53 - 1. So every number of the API is built
 * from these blocks: a range inside what the store keeps exactly, and a precision (a whole number, or at most a
 * given count of decimals). test/unit/numeric-ranges.test.ts walks every request and response schema of the route
 * table and fails on a number without them, so a number added later without a range fails too.
 */

/** A whole number in [min, max], both safe integers: counts, days, years, versions, sizes. */
/* @__NO_SIDE_EFFECTS__ */
export function wholeNumber(min: number, max: number) {
  return z.number().check(z.int({ abort: true }), z.minimum(min, { abort: true }), z.maximum(max));
}

/** A stored counter or version: a whole number from 0 up to 2^53 - 1 (what the SDK's marshaller accepts). */
/* @__NO_SIDE_EFFECTS__ */
export function count() {
  return wholeNumber(0, Number.MAX_SAFE_INTEGER);
}

/**
 * A decimal in [min, max] with at most `places` decimals (1 ≤ places ≤ 6). `multipleOf` documents the precision;
 * zod's own check of it reads `5e-324` or `1e-7` as 0.00, so a value under 1 written with an exponent (which
 * always has more than six decimals) is refused as well.
 */
/* @__NO_SIDE_EFFECTS__ */
export function decimal(min: number, max: number, places: number) {
  return z.number().check(
    z.minimum(min, { abort: true }),
    z.maximum(max, { abort: true }),
    z.multipleOf(Number(`1e-${places}`)),
    z.refine((v) => !(Math.abs(v) < 1 && String(v).includes('e')), `at most ${places} decimals`),
  );
}

/** A percentage, 0–100, with at most `places` decimals (whole when 0). */
/* @__NO_SIDE_EFFECTS__ */
export function percentage(places = 0) {
  return places === 0 ? wholeNumber(0, 100) : decimal(0, 100, places);
}

/** How much service is bought, in its unit: more than zero, at most a billion, at most 3 decimals (1.5 hours). */
/* @__NO_SIDE_EFFECTS__ */
export function quantityValue() {
  return described(
    decimal(0.001, 1_000_000_000, 3),
    'in the unit: 0.001 to 1 000 000 000, at most 3 decimals',
  );
}

export const PageQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }))();

export const RecordId = /* @__PURE__ */ (() =>
  z.string().check(z.regex(RECORD_ID_PATTERN, 'not a valid id')))();

/** A mainland mobile or landline number: a contractor's contact, a contractor user's phone. */
export const Phone = /* @__PURE__ */ (() =>
  z
    .string()
    .check(z.regex(/^(\+?86)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mainland mobile or landline number')))();

export const IdParams = /* @__PURE__ */ (() => z.object({ id: RecordId }))();

export const IsoDate = /* @__PURE__ */ (() =>
  described(z.iso.date(), 'calendar date, YYYY-MM-DD, Asia/Shanghai'))();
/**
 * An instant. Neutral on purpose: every date-time field says what its instant is with `instant()` (issue 12 §4: a
 * description written for one field, the OCDS feed's `since`, once showed on 51 others); this one is only what the
 * format is. test/unit/schema-descriptions.test.ts fails on two date-time fields of different names sharing one.
 */
export const IsoDateTime = /* @__PURE__ */ (() =>
  described(
    z.iso.datetime({ offset: true }),
    'an instant: ISO 8601 date and time with its UTC offset (Z, or +08:00 for Asia/Shanghai)',
  ))();

/** A date-time field, described for the instant it holds (what happened then). */
/* @__NO_SIDE_EFFECTS__ */
export function instant(what: string) {
  return described(IsoDateTime, what);
}

/** The record's own times, the same on every record. */
export const createdAt = () => instant('when the record was created');
export const updatedAt = () => instant('when the record last changed (its latest version)');

/*
 * File names (issue 11 §4). A declared file name comes back in listings, in audit entries and in the
 * `Content-Disposition` of every download, so it may hold no character that changes how text around it is read:
 * C0 controls (TAB, LF, CR, BEL, ESC …), DEL and the C1 controls (NEL U+0085 …), the line and paragraph separators
 * U+2028/U+2029, and the bidi controls (LRM, RLM, ALM, the embeddings and overrides U+202A–U+202E, the isolates
 * U+2066–U+2069) that show `invoice\u202Efdp.exe` as `invoiceexe.pdf`. Refused as sent, before any trimming, so a
 * trailing TAB or newline is refused rather than quietly cut. Every upload schema builds its `fileName` from this
 * block; test/unit/file-name-schemas.test.ts walks the route table and fails on a file name without it.
 */

/** Only characters outside shared/domain/file-name.ts's UNSAFE_FILE_NAME_CHARACTER (see above), from start to end. */
const SAFE_FILE_NAME = /* @__PURE__ */ (() => new RegExp(`^${SAFE_FILE_NAME_CHARACTER.source}*$`))();

/** A declared file name: 1–200 characters, no path, no control, line-break or bidi character. */
/* @__NO_SIDE_EFFECTS__ */
export function fileName() {
  return described(
    z.string().check(
      z.regex(SAFE_FILE_NAME, {
        message: 'a file name without control, line-break or bidi characters',
        abort: true,
      }),
      // Stated as a pattern too, so the published contract says what the trim below enforces: not only spaces.
      z.regex(/\S/, 'a file name, not only spaces'),
      z.trim(),
      z.minLength(1),
      z.maxLength(200),
      z.regex(/^[^/\\]+$/, 'a file name, without a path'),
    ),
    'the file’s name as shown to readers: 1–200 characters, no path, no control, line-break or bidi character',
  );
}

/**
 * Who acted, as audit entries, signatures and delegations show it: the token's subject and role, and for a partner
 * portal acting for a contractor (issue 12 §1) the contractor and the delegated scope it acted under.
 */
export const ActorView = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      sub: z.string(),
      role: z.string(),
      onBehalfOf: z.optional(
        described(
          z.object({ contractorId: z.string(), scope: z.string() }),
          'a partner portal (sub) acting for this contractor under the scope it delegated (On-Behalf-Of)',
        ),
      ),
    }),
    'Actor',
    'who acted: a user or a partner portal, by token subject and role',
  ),
);
