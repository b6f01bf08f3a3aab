/**
 * Envelope encryption (issue 11 §1, §6): a value is encrypted with AES-256-GCM under a fresh data key, and the
 * data key is kept only wrapped by a key-encryption key (KMS on AWS, the local key on the embedded stack). The
 * encryption context names what the value belongs to ({ projectId, contractorId } for a bid); it is bound twice:
 * KMS (or the local key) refuses to unwrap the data key under another context, and the payload's GCM tag covers
 * the same context as additional data, so a sealed value moved to another record does not open.
 *
 * Usage (a use case only ever sees the port, shared/use-cases/ports.ts):
 *
 *   import { envelopeFor } from '#shared/adapters/kms/envelope-keys';
 *   const residentIds = envelopeFor('RESIDENT_ID_KEY_ID', 'resident-id'); // key id env var, local key name
 *   const sealed = await residentIds.seal('110101199003070011', { contractorId });  // store `sealed` (a map)
 *   const clear = await residentIds.open(sealed, { contractorId });                // needs kms:Decrypt
 *
 * A function that only seals holds kms:GenerateDataKey and not kms:Decrypt (grantSeal / grantOpen in
 * infra/constructs/seal-key.ts), so a bug in it cannot open anything it sealed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionContext, EnvelopePort, SealedValue } from '#shared/use-cases/ports';

/** What wraps and unwraps data keys: KMS GenerateDataKey / Decrypt, or the local key that plays its part. */
export interface DataKeyPort {
  /** A fresh 256-bit data key: its plaintext (use, then drop) and its wrapped form (store this). */
  generateDataKey(context: EncryptionContext): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array }>;
  /** The plaintext of a wrapped data key; rejects when `context` is not the one it was generated under. */
  decryptDataKey(wrapped: Uint8Array, context: EncryptionContext): Promise<Uint8Array>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The context as additional authenticated data: keys sorted, so the same context always gives the same bytes. */
export function contextBytes(context: EncryptionContext): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((k) => [k, context[k]]);
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

/** Thrown when a sealed value does not open (wrong context, wrong key, altered bytes); names no value. */
export class SealBrokenError extends Error {
  override name = 'SealBrokenError';
}

export function envelope(keys: DataKeyPort): EnvelopePort {
  return {
    async seal(plaintext, context) {
      const { plaintext: dataKey, wrapped } = await keys.generateDataKey(context);
      try {
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
        cipher.setAAD(contextBytes(context));
        const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
        return { v: 1, key: b64(wrapped), iv: b64(iv), data: b64(data) } satisfies SealedValue;
      } finally {
        dataKey.fill(0);
      }
    },
    async open(sealed, context) {
      if (sealed.v !== 1) throw new SealBrokenError(`unknown sealed value format ${String(sealed.v)}`);
      const dataKey = await keys.decryptDataKey(unb64(sealed.key), context);
      try {
        const data = unb64(sealed.data);
        if (data.length < TAG_BYTES) throw new SealBrokenError('sealed value too short');
        const decipher = createDecipheriv('aes-256-gcm', dataKey, unb64(sealed.iv));
        decipher.setAAD(contextBytes(context));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        try {
          return Buffer.concat([
            decipher.update(data.subarray(0, data.length - TAG_BYTES)),
            decipher.final(),
          ]).toString('utf8');
        } catch {
          throw new SealBrokenError('the sealed value does not open under this context');
        }
      } finally {
        dataKey.fill(0);
      }
    },
  };
}

/** A stored map that has the shape of a sealed value (items read back from the table are untyped). */
export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.key === 'string' && typeof v.iv === 'string' && typeof v.data === 'string';
}
