/**
 * What S3 checks of a browser upload form (a presigned POST, "Authenticating Requests in Browser-Based Uploads
 * Using POST (AWS Signature Version 4)"), which s3rver does not check at all (issue 12 §5): the form's SigV4
 * signature over its policy, the policy's expiration, every condition (exact values, `starts-with`, the bucket)
 * and `content-length-range`, and that no field escapes the conditions. Answered as S3 answers: 403 AccessDenied
 * "Invalid according to Policy: …", 403 SignatureDoesNotMatch, 400 EntityTooLarge / EntityTooSmall. Pure: the
 * local S3 (infra/local/s3-local.ts) parses the multipart body and calls it before s3rver sees the form.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A posted form as S3 reads it: the fields before the file (later ones are ignored), and the file's size. */
export interface PostedForm {
  /** The bucket of the URL the form was posted to. */
  bucket: string;
  /** Field name → value, in the order posted; names as sent (S3 compares them without regard to case). */
  fields: readonly (readonly [string, string])[];
  /** Bytes of the `file` field; undefined when the form has none. */
  fileSize: number | undefined;
}

export type FormVerdict =
  | { ok: true }
  | {
      ok: false;
      status: 400 | 403;
      code: string;
      message: string;
      /** Further elements of S3's error document (ProposedSize, MaxSizeAllowed…). */
      details?: Record<string, string | number>;
    };

/** Fields no condition needs to name (S3: the signature, the policy, the file and `x-ignore-` fields). */
const EXEMPT_FIELDS = new Set(['policy', 'x-amz-signature', 'file', 'signature', 'awsaccesskeyid']);

const OK: FormVerdict = { ok: true };
const accessDenied = (message: string): FormVerdict => ({
  ok: false,
  status: 403,
  code: 'AccessDenied',
  message,
});
const invalidPolicy = (message: string): FormVerdict => ({
  ok: false,
  status: 400,
  code: 'InvalidPolicyDocument',
  message: `Invalid Policy: ${message}`,
});

interface Policy {
  expiration: string;
  conditions: unknown[];
}

function decodePolicy(encoded: string): Policy | undefined {
  try {
    const policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
    if (typeof policy !== 'object' || policy === null) return undefined;
    const { expiration, conditions } = policy as Partial<Policy>;
    if (typeof expiration !== 'string' || !Array.isArray(conditions)) return undefined;
    return { expiration, conditions };
  } catch {
    return undefined;
  }
}

/** SigV4's signing key and the signature of the base64 policy, as @aws-sdk/s3-presigned-post computes them. */
export function policySignature(
  secretAccessKey: string,
  scope: { date: string; region: string },
  policy: string,
) {
  let key = Buffer.from(`AWS4${secretAccessKey}`);
  for (const part of [scope.date, scope.region, 's3', 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  return createHmac('sha256', key).update(policy).digest('hex');
}

function checkSignature(
  field: (name: string) => string | undefined,
  policy: string,
  secrets: Readonly<Record<string, string>>,
): FormVerdict {
  const algorithm = field('x-amz-algorithm');
  const credential = field('x-amz-credential');
  const signature = field('x-amz-signature');
  if (algorithm === undefined || credential === undefined || signature === undefined) {
    return accessDenied('Access Denied');
  }
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    return {
      ok: false,
      status: 400,
      code: 'InvalidArgument',
      message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
    };
  }
  const [accessKeyId = '', date = '', region = '', service, terminator] = credential.split('/');
  const secret = secrets[accessKeyId];
  if (secret === undefined) {
    return {
      ok: false,
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  }
  const expected = Buffer.from(policySignature(secret, { date, region }, policy));
  const given = Buffer.from(signature.toLowerCase());
  if (
    service !== 's3' ||
    terminator !== 'aws4_request' ||
    expected.length !== given.length ||
    !timingSafeEqual(expected, given)
  ) {
    return {
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  return OK;
}

/** S3 writes the failed condition as JSON with a space after each comma: `["eq", "$key", "…"]`. */
const conditionFailed = (condition: readonly unknown[]) =>
  accessDenied(
    `Invalid according to Policy: Policy Condition failed: [${condition.map((part) => JSON.stringify(part)).join(', ')}]`,
  );

/**
 * Checks a posted form against its own policy and signature. `secrets`: access key id → secret access key (the
 * embedded stack signs with S3RVER/S3RVER, infra/local/env.ts).
 */
export function checkPostedForm(
  form: PostedForm,
  now: Date,
  secrets: Readonly<Record<string, string>>,
): FormVerdict {
  const values = new Map<string, string>();
  for (const [name, value] of form.fields) {
    const lower = name.toLowerCase();
    // S3 takes each field once; a second one (a second `key`) would have s3rver store under a value never checked.
    if (values.has(lower)) {
      return {
        ok: false,
        status: 400,
        code: 'InvalidArgument',
        message: `POST requires exactly one ${name} field per request.`,
      };
    }
    values.set(lower, value);
  }
  // The bucket is the URL's, whatever a `bucket` field says.
  const field = (name: string) => (name === 'bucket' ? form.bucket : values.get(name));

  const encoded = values.get('policy');
  // No policy: an anonymous POST, which a private bucket refuses.
  if (encoded === undefined) return accessDenied('Access Denied');
  const signed = checkSignature(field, encoded, secrets);
  if (!signed.ok) return signed;
  const policy = decodePolicy(encoded);
  if (!policy) return invalidPolicy('Invalid JSON.');
  const expiration = Date.parse(policy.expiration);
  if (Number.isNaN(expiration)) return invalidPolicy('Invalid Policy Expiration.');
  if (now.getTime() > expiration) return accessDenied('Invalid according to Policy: Policy expired.');

  const covered = new Set<string>();
  let range: { min: number; max: number } | undefined;
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [operator, target, expected] = condition as unknown[];
      if (operator === 'content-length-range') {
        const [min, max] = [Number(target), Number(expected)];
        if (!Number.isInteger(min) || !Number.isInteger(max)) {
          return invalidPolicy('Invalid content-length-range condition.');
        }
        range = { min, max };
        continue;
      }
      if (
        (operator !== 'eq' && operator !== 'starts-with') ||
        typeof target !== 'string' ||
        !target.startsWith('$') ||
        typeof expected !== 'string'
      ) {
        return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
      }
      const name = target.slice(1).toLowerCase();
      covered.add(name);
      const actual = field(name) ?? '';
      const holds = operator === 'eq' ? actual === expected : actual.startsWith(expected);
      if (!holds) return conditionFailed(condition as unknown[]);
    } else if (typeof condition === 'object' && condition !== null) {
      const entries = Object.entries(condition);
      const [entry] = entries;
      if (entries.length !== 1 || !entry || typeof entry[1] !== 'string') {
        return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
      }
      const name = entry[0].toLowerCase();
      covered.add(name);
      if (field(name) !== entry[1]) return conditionFailed(['eq', `$${entry[0]}`, entry[1]]);
    } else {
      return invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
    }
  }
  for (const name of values.keys()) {
    if (EXEMPT_FIELDS.has(name) || name.startsWith('x-ignore-') || covered.has(name)) continue;
    return accessDenied(`Invalid according to Policy: Extra input fields: ${name}`);
  }

  if (form.fileSize === undefined) {
    return {
      ok: false,
      status: 400,
      code: 'InvalidArgument',
      message: 'POST requires exactly one file upload per request.',
      details: { ArgumentName: 'file', ArgumentValue: 0 },
    };
  }
  if (range && form.fileSize > range.max) {
    return {
      ok: false,
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      details: { ProposedSize: form.fileSize, MaxSizeAllowed: range.max },
    };
  }
  if (range && form.fileSize < range.min) {
    return {
      ok: false,
      status: 400,
      code: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
      details: { ProposedSize: form.fileSize, MinSizeAllowed: range.min },
    };
  }
  return OK;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);

/** S3's error document. */
export function s3ErrorXml(
  code: string,
  message: string,
  requestId: string,
  details: Record<string, string | number> = {},
): string {
  const elements = Object.entries({ Code: code, Message: message, ...details, RequestId: requestId })
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements}</Error>`;
}
