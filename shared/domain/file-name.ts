/**
 * The characters no file name may hold: controls, line breaks and bidi formatting (issue 11 §3). Zod-free, so the
 * schema (shared/schemas/common.schema.ts, which builds its refusing regex from this class) and the S3 adapter's
 * `Content-Disposition` (which replaces them in names stored before the rule) share one definition.
 */
export const UNSAFE_FILE_NAME_CHARACTER =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** The class of UNSAFE_FILE_NAME_CHARACTER negated: `[^…]`. */
export const SAFE_FILE_NAME_CHARACTER = new RegExp(`[^${UNSAFE_FILE_NAME_CHARACTER.source.slice(1)}`);
